namespace ProfilePortal.Web.Features.Sessions;

/// <summary>
/// Endpoint metadata (an attribute on a page model implements it): the endpoint's usual answer does not use the signed-in
/// person's AppUser, so the session read does not load it into the request's change tracker and reads only the columns
/// it judges the session by (<see cref="DatabaseTicketStore"/>). A page that then asks UserManager for the user still
/// gets it, with a read of its own.
/// </summary>
public interface ISessionAccountNotNeeded;
