using System.Runtime.InteropServices;

namespace ProfilePortal.Imaging.Libvips;

/// <summary>
/// One libvips operation driven through GObject properties, the varargs-free way libvips documents
/// for bindings: <c>vips_operation_new</c>, <c>g_object_set_property</c> per input,
/// <c>vips_cache_operation_build</c>, <c>g_object_get_property</c> per output; disposal drops the
/// outputs and the operation. Property types are read from the operation's own introspection
/// data, so enums are set by nick (<c>"sequential"</c>) rather than by hard-coded numbers.
/// </summary>
internal sealed unsafe class VipsOperation : IDisposable
{
    private readonly string _name;
    private VipsOperationHandle _handle;
    private bool _built;

    private VipsOperation(string name, nint pointer)
    {
        _name = name;
        _handle = new VipsOperationHandle(pointer);
    }

    /// <summary>Creates an operation by nickname (<c>"extract_area"</c>) or class name.</summary>
    public static VipsOperation Create(string name)
    {
        VipsRuntime.EnsureStarted();
        var pointer = NativeMethods.vips_operation_new(name);
        return pointer == 0 ? throw VipsRuntime.TakeError($"vips_operation_new({name})") : new VipsOperation(name, pointer);
    }

    public VipsOperation Set(string property, int value) =>
        SetValue(property, (v, type) =>
        {
            if (NativeMethods.g_type_fundamental(type) == GType.Double)
            {
                NativeMethods.g_value_set_double(v, value);
            }
            else
            {
                Expect(property, type, GType.Int);
                NativeMethods.g_value_set_int(v, value);
            }
        });

    public VipsOperation Set(string property, double value) =>
        SetValue(property, (v, type) =>
        {
            Expect(property, type, GType.Double);
            NativeMethods.g_value_set_double(v, value);
        });

    public VipsOperation Set(string property, bool value) =>
        SetValue(property, (v, type) =>
        {
            Expect(property, type, GType.Boolean);
            NativeMethods.g_value_set_boolean(v, value ? 1 : 0);
        });

    /// <summary>Sets a string property, or an enum property by its nick (e.g. <c>"sequential"</c>).</summary>
    public VipsOperation Set(string property, string value) =>
        SetValue(property, (v, type) =>
        {
            var fundamental = NativeMethods.g_type_fundamental(type);
            if (fundamental == GType.Enum)
            {
                var number = NativeMethods.vips_enum_from_nick(_name, type, value);
                if (number < 0)
                {
                    throw VipsRuntime.TakeError($"{_name}.{property} = {value}");
                }

                NativeMethods.g_value_set_enum(v, number);
            }
            else
            {
                Expect(property, type, GType.String);
                NativeMethods.g_value_set_string(v, value);
            }
        });

    public VipsOperation Set(string property, VipsImage image) =>
        image.Use(pointer => SetValue(property, (v, type) =>
        {
            Expect(property, type, GType.Object);
            NativeMethods.g_value_set_object(v, pointer);
        }));

    public VipsOperation Set(string property, VipsBlobHandle blob)
    {
        var ok = false;
        try
        {
            blob.DangerousAddRef(ref ok);
            var pointer = blob.DangerousGetHandle();
            return SetValue(property, (v, type) =>
            {
                Expect(property, type, GType.Boxed);
                NativeMethods.g_value_set_boxed(v, pointer);
            });
        }
        finally
        {
            if (ok)
            {
                blob.DangerousRelease();
            }
        }
    }

    /// <summary>Applies libvips' option-string syntax, e.g. <c>"fail_on=truncated"</c>.</summary>
    public VipsOperation SetFromString(string options)
    {
        if (UseHandle(op => NativeMethods.vips_object_set_from_string(op, options)) != 0)
        {
            throw VipsRuntime.TakeError($"{_name} options \"{options}\"");
        }

        return this;
    }

    /// <summary>Builds (runs) the operation. libvips signals failure by a NULL result only.</summary>
    public void Build()
    {
        if (_built)
        {
            throw new InvalidOperationException($"{_name} was already built.");
        }

        var built = UseHandle(NativeMethods.vips_cache_operation_build);
        if (built == 0)
        {
            throw VipsRuntime.TakeError(_name);
        }

        // The result is a new reference (to the same object, or to an equal one from the cache).
        // Drop only our creation reference: unreffing outputs here would empty the result.
        var created = _handle.DangerousGetHandle();
        _handle.SetHandleAsInvalid();
        NativeMethods.g_object_unref(created);
        _handle = new VipsOperationHandle(built);
        _built = true;
    }

    public VipsImage GetImage(string property)
    {
        EnsureBuilt();
        return UseHandle(op =>
        {
            GValue value = default;
            NativeMethods.g_value_init(&value, NativeMethods.vips_image_get_type());
            try
            {
                NativeMethods.g_object_get_property(op, property, &value);
                var image = NativeMethods.g_value_get_object(&value);
                if (image == 0)
                {
                    throw new VipsException($"{_name} produced no {property} image.");
                }

                // The GValue's reference goes with g_value_unset; take our own.
                return new VipsImage(NativeMethods.g_object_ref(image));
            }
            finally
            {
                NativeMethods.g_value_unset(&value);
            }
        });
    }

    public byte[] GetBlob(string property)
    {
        EnsureBuilt();
        return UseHandle(op =>
        {
            GValue value = default;
            NativeMethods.g_value_init(&value, NativeMethods.vips_blob_get_type());
            try
            {
                NativeMethods.g_object_get_property(op, property, &value);
                var blob = NativeMethods.g_value_get_boxed(&value);
                if (blob == 0)
                {
                    throw new VipsException($"{_name} produced no {property} buffer.");
                }

                var data = NativeMethods.vips_blob_get(blob, out var length);
                var bytes = new byte[checked((int)length)];
                Marshal.Copy(data, bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                NativeMethods.g_value_unset(&value);
            }
        });
    }

    public void Dispose() => _handle.Dispose();

    private delegate void AssignValue(GValue* value, nuint type);

    private VipsOperation SetValue(string property, AssignValue assign)
    {
        if (_built)
        {
            throw new InvalidOperationException($"{_name} was already built.");
        }

        UseHandle(op =>
        {
            var type = PropertyType(op, property);
            GValue value = default;
            NativeMethods.g_value_init(&value, type);
            try
            {
                assign(&value, type);
                NativeMethods.g_object_set_property(op, property, &value);
            }
            finally
            {
                NativeMethods.g_value_unset(&value);
            }

            return 0;
        });
        return this;
    }

    private nuint PropertyType(nint op, string property)
    {
        if (NativeMethods.vips_object_get_argument(op, property, out var paramSpec, out _, out _) != 0)
        {
            throw VipsRuntime.TakeError($"{_name} has no argument {property}");
        }

        // GParamSpec: GTypeInstance (8 bytes), name (8), flags (4 + 4 padding), then value_type.
        return (nuint)Marshal.ReadIntPtr(paramSpec, 24);
    }

    private void Expect(string property, nuint type, nuint fundamental)
    {
        if (NativeMethods.g_type_fundamental(type) != fundamental)
        {
            throw new ArgumentException($"{_name}.{property} does not take a value of this kind.", nameof(property));
        }
    }

    private void EnsureBuilt()
    {
        if (!_built)
        {
            throw new InvalidOperationException($"{_name} has not been built.");
        }
    }

    private T UseHandle<T>(Func<nint, T> call)
    {
        var ok = false;
        try
        {
            _handle.DangerousAddRef(ref ok);
            return call(_handle.DangerousGetHandle());
        }
        finally
        {
            if (ok)
            {
                _handle.DangerousRelease();
            }
        }
    }
}
