using System.Runtime.InteropServices;

namespace ProfilePortal.Imaging.Libvips;

/// <summary>Owns one reference to a GObject (a <c>VipsImage</c> here) and drops it exactly once.</summary>
internal sealed class GObjectHandle : SafeHandle
{
    public GObjectHandle()
        : base(0, ownsHandle: true)
    {
    }

    public GObjectHandle(nint pointer)
        : base(0, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMethods.g_object_unref(handle);
        return true;
    }
}

/// <summary>
/// Owns a <c>VipsOperation</c>. Releasing it first drops the references the operation holds on
/// its outputs (<c>vips_object_unref_outputs</c>), then the operation itself, as libvips asks of
/// bindings; this is also right for an operation whose build failed.
/// </summary>
internal sealed class VipsOperationHandle : SafeHandle
{
    public VipsOperationHandle(nint pointer)
        : base(0, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMethods.vips_object_unref_outputs(handle);
        NativeMethods.g_object_unref(handle);
        return true;
    }
}

/// <summary>Owns one reference to a <c>VipsBlob</c> (a ref-counted <c>VipsArea</c>).</summary>
internal sealed class VipsBlobHandle : SafeHandle
{
    public VipsBlobHandle(nint pointer)
        : base(0, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMethods.vips_area_unref(handle);
        return true;
    }

    /// <summary>Copies the bytes into memory libvips owns, so no managed buffer has to stay pinned.</summary>
    public static unsafe VipsBlobHandle Copy(ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            var blob = NativeMethods.vips_blob_copy(pointer, (nuint)data.Length);
            return blob == 0 ? throw VipsRuntime.TakeError("vips_blob_copy") : new VipsBlobHandle(blob);
        }
    }
}
