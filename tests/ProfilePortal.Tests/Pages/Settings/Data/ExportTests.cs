using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Data;

/// <summary>"Download your data" (SPEC 2.8c): one JSON file with every section, and never a secret.</summary>
public class ExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PostExport_SignedIn_AnswersAnUncachedJsonAttachmentNamedWithTheDate()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await YourData.ExportAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"profileportal-data-{user.UserName}-{factory.Clock.GetUtcNow():yyyy-MM-dd}.json", disposition.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task PostExport_EverySection_IsPresentWithThePersonsData()
    {
        var user = await factory.CreateUserAsync(u => { u.Title = "Analyst"; u.Bio = "Counts things."; });
        var client = await factory.SignedInClientAsync(user);
        await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write, description: "backup script");
        await factory.AddPasskeyAsync(user.Id, "Work laptop");
        await factory.AddAvatarAsync(user.Id);
        await factory.EnableTwoFactorAsync(user.Id);

        using var json = await YourData.ExportJsonAsync(client);
        var root = json.RootElement;

        Assert.Equal("profileportal-export", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(user.Id, root.GetProperty("userId").GetGuid());
        Assert.EndsWith("Z", root.GetProperty("exportedAt").GetString());
        Assert.Equal("Analyst", root.GetProperty("profile").GetProperty("title").GetString());
        Assert.Equal("Counts things.", root.GetProperty("profile").GetProperty("bio").GetString());

        var account = root.GetProperty("account");
        Assert.Equal(user.Email, account.GetProperty("email").GetString());
        Assert.Equal(user.UserName, account.GetProperty("userName").GetString());
        Assert.Equal("Active", account.GetProperty("status").GetString());
        Assert.True(account.GetProperty("emailVerified").GetBoolean());
        foreach (var field in new[] { "roles", "permissions", "department", "organization", "createdAt", "lastSignInAt", "lastPasswordChangeAt", "deletionRequestedAt" })
            Assert.True(account.TryGetProperty(field, out _), field);
        Assert.NotEqual(JsonValueKind.Null, account.GetProperty("lastSignInAt").ValueKind);

        Assert.True(root.GetProperty("avatar").GetProperty("isSet").GetBoolean());
        Assert.Contains($"/avatars/{user.Id}/512", root.GetProperty("avatar").GetProperty("url").GetString());
        Assert.False(root.GetProperty("avatar").GetProperty("isCharacter").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("avatar").GetProperty("fullBodyUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("avatar").GetProperty("character").ValueKind);
        Assert.True(root.GetProperty("twoFactor").GetProperty("enabled").GetBoolean());
        Assert.Equal(10, root.GetProperty("twoFactor").GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Equal("Work laptop", Assert.Single(root.GetProperty("passkeys").EnumerateArray()).GetProperty("name").GetString());

        var session = Assert.Single(root.GetProperty("sessions").EnumerateArray());
        Assert.True(session.GetProperty("isCurrent").GetBoolean());
        Assert.Equal("127.0.0.1", session.GetProperty("ipAddress").GetString());

        var token = Assert.Single(root.GetProperty("apiTokens").EnumerateArray());
        Assert.Equal("backup script", token.GetProperty("description").GetString());
        Assert.Equal(["read", "write"], token.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith("ppt_", token.GetProperty("prefix").GetString());

        // The whole log, oldest first; the export itself is in it.
        var log = root.GetProperty("securityLog").EnumerateArray().ToList();
        Assert.Equal("SignInSucceeded", log[0].GetProperty("type").GetString());
        Assert.Equal("DataExported", log[^1].GetProperty("type").GetString());
        Assert.Contains(log, e => e.GetProperty("type").GetString() == "TokenCreated");
        Assert.False(root.TryGetProperty("notifications", out _));
    }

    [Fact]
    public async Task PostExport_CharacterAvatar_HasTheDocumentAsAnObjectAndTheFullBodyUrl()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetCharacterAsync(TestCharacters.Document(d => d["hair"]!["style"] = "bun"))).StatusCode);

        using var json = await YourData.ExportJsonAsync(client);

        var avatar = json.RootElement.GetProperty("avatar");
        Assert.True(avatar.GetProperty("isSet").GetBoolean());
        Assert.True(avatar.GetProperty("isCharacter").GetBoolean());
        Assert.EndsWith($"/avatars/{user.Id}/full?v=1", avatar.GetProperty("fullBodyUrl").GetString());
        var character = avatar.GetProperty("character");
        Assert.Equal(JsonValueKind.Object, character.ValueKind);
        Assert.Equal(1, character.GetProperty("version").GetInt32());
        Assert.Equal("bun", character.GetProperty("hair").GetProperty("style").GetString());
        Assert.Equal((await factory.StoredAvatarAsync(user.Id)).Document, JsonSerializer.Serialize(character));
    }

    [Fact]
    public async Task PostExport_EventsDoneForThePerson_SayWhetherAnAdministratorOrWhichProvisioning()
    {
        var user = await factory.CreateUserAsync();
        var admin = await factory.CreateUserAsync(u => { u.FirstName = "Root"; u.LastName = "Admin"; }, Roles.Administrator);
        var name = "Microsoft Entra ID " + Guid.NewGuid().ToString("N")[..6];
        var token = await factory.CreateProvisioningTokenAsync(name);
        await factory.RecordSecurityEventAsync(user.Id, SecurityEventType.AccountEnabled, actorId: token.Token.Id);
        await factory.RecordSecurityEventAsync(user.Id, SecurityEventType.AccountDisabled, actorId: admin.Id);
        var client = await factory.SignedInClientAsync(user);

        using var json = await YourData.ExportJsonAsync(client);

        var log = json.RootElement.GetProperty("securityLog").EnumerateArray().ToList();
        var byProvisioning = log.Single(e => e.GetProperty("type").GetString() == nameof(SecurityEventType.AccountEnabled));
        Assert.True(byProvisioning.GetProperty("byAdministrator").GetBoolean());
        Assert.Equal("provisioning", byProvisioning.GetProperty("actor").GetString());
        Assert.Equal($"Provisioning: {name}", byProvisioning.GetProperty("actorName").GetString());
        Assert.Equal("Account enabled by provisioning", byProvisioning.GetProperty("description").GetString());
        var byAdministrator = log.Single(e => e.GetProperty("type").GetString() == nameof(SecurityEventType.AccountDisabled));
        Assert.True(byAdministrator.GetProperty("byAdministrator").GetBoolean());
        Assert.Equal("administrator", byAdministrator.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, byAdministrator.GetProperty("actorName").ValueKind);
        var own = log.First(e => e.GetProperty("type").GetString() == nameof(SecurityEventType.SignInSucceeded));
        Assert.False(own.GetProperty("byAdministrator").GetBoolean());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("actor").ValueKind);
        Assert.DoesNotContain("Root Admin", json.RootElement.GetRawText());
    }

    [Fact]
    public async Task PostExport_Attributes_ListEveryValueTheAccountHolds()
    {
        var user = await factory.CreateUserAsync();
        var hidden = await factory.CreateAttributeAsync(shownOnProfile: false);
        await factory.SetAttributeValueAsync(user.Id, BuiltInAttributes.ExcludeFromSyncId, "true");
        await factory.SetAttributeValueAsync(user.Id, hidden.Id, "kept by the administrators");
        var client = await factory.SignedInClientAsync(user);

        using var json = await YourData.ExportJsonAsync(client);

        var attributes = json.RootElement.GetProperty("attributes").EnumerateArray()
            .Select(a => (a.GetProperty("key").GetString(), a.GetProperty("label").GetString(), a.GetProperty("value").GetString())).ToList();
        Assert.Equal([(BuiltInAttributes.ExcludeFromSyncKey, "Exclude from sync", "true"), (hidden.Key, hidden.Label, "kept by the administrators")], attributes);
    }

    [Fact]
    public async Task PostExport_Secrets_AreNowhereInTheFile()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var token = await factory.CreateTokenAsync(user);
        var passkey = await factory.AddPasskeyAsync(user.Id, "Phone");
        var (authenticatorKey, recoveryCodes) = await factory.EnableTwoFactorAsync(user.Id);

        var text = await (await YourData.ExportAsync(client)).Content.ReadAsStringAsync();

        var stored = await factory.LoadUserAsync(user.Id);
        var sessionKeyHashes = await factory.DbAsync(db => db.UserSessions.Where(s => s.UserId == user.Id).Select(s => s.KeyHash).ToListAsync());
        Assert.NotEmpty(sessionKeyHashes);
        var secrets = new List<string>
        {
            token.Value, token.Token.Hash, stored.PasswordHash!, stored.SecurityStamp!, authenticatorKey, user.Password,
            Convert.ToBase64String(passkey.CredentialId), Convert.ToBase64String(passkey.Data.PublicKey),
            Convert.ToBase64String(passkey.CredentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        };
        secrets.AddRange(recoveryCodes);
        secrets.AddRange(sessionKeyHashes);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"hash\"", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PostExport_AnotherPersonsData_IsNeverIncluded()
    {
        var other = await factory.CreateUserAsync(u => u.LastName = "Otherperson");
        await factory.SignedInClientAsync(other);
        var otherToken = await factory.CreateTokenAsync(other, description: "other's token");
        await factory.AddPasskeyAsync(other.Id, "Other's key");
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var text = await (await YourData.ExportAsync(client)).Content.ReadAsStringAsync();

        foreach (var theirs in new[] { other.Id.ToString(), other.Email, other.UserName, "Otherperson", otherToken.Token.DisplayPrefix, "other's token", "Other's key" })
            Assert.DoesNotContain(theirs, text, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(text);
        Assert.Single(json.RootElement.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task PostExport_ConfirmationOlderThanWindow_AsksForPasswordAndExportsNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await YourData.ExportAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Reauthenticate?returnUrl=" + Uri.EscapeDataString(YourData.Url), response.Headers.Location?.ToString());
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.DataExported);
    }

    [Fact]
    public async Task PostExport_IsRecordedInTheSecurityLog()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        await YourData.ExportJsonAsync(client);

        var page = await client.GetPageAsync("/Settings/SecurityLog");
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.DataExported && e.IpAddress == "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task Get_SettingsMenu_ListsYourDataLast()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(YourData.Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var menu = page.Document.QuerySelectorAll("nav[aria-label='Settings'] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("/Settings/Data", menu[^1]);
        Assert.Equal("Your data", page.Text("h1"));
    }

    [Fact]
    public async Task PostExport_Notifications_ChannelsFrequencyAndDeliveriesWithoutSecrets()
    {
        var user = await factory.CreateUserAsync(u => u.NotificationFrequency = NotificationFrequency.DailyDigest);
        var client = await factory.SignedInClientAsync(user);
        var secrets = factory.Service<ProfilePortal.Web.Features.Notifications.ChannelSecrets>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.DbAsync(db =>
        {
            db.NotificationChannels.Add(new NotificationChannel
            {
                UserId = user.Id,
                Kind = NotificationChannelKind.Webhook,
                Enabled = true,
                ConfirmedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
                DisplayTarget = "hooks.example.com/…/k3Yz",
                ProtectedSecret = secrets.Protect(new("https://hooks.example.com/SECRETPATHk3Yz", "SIGNINGSECRET")),
            });
            db.Notifications.Add(new Notification
            {
                UserId = user.Id,
                Kind = NotificationKind.Test,
                Subject = "Test notification",
                Body = "Body",
                CreatedAt = now,
                Deliveries =
                [
                    new NotificationDelivery
                    {
                        UserId = user.Id,
                        Channel = NotificationChannelKind.Webhook,
                        Status = NotificationDeliveryStatus.Failed,
                        Attempts = 8,
                        DueAt = now,
                        CreatedAt = now,
                        LastError = "The service did not answer in time.",
                    },
                ],
            });
            return db.SaveChangesAsync();
        });

        var response = await YourData.ExportAsync(client);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);

        var settings = json.RootElement.GetProperty("notificationSettings");
        Assert.Equal("DailyDigest", settings.GetProperty("frequency").GetString());
        var channel = Assert.Single(settings.GetProperty("channels").EnumerateArray());
        Assert.Equal("Webhook", channel.GetProperty("kind").GetString());
        Assert.Equal("hooks.example.com/…/k3Yz", channel.GetProperty("displayTarget").GetString());
        Assert.True(channel.GetProperty("enabled").GetBoolean());
        Assert.True(channel.GetProperty("confirmed").GetBoolean());
        var delivery = Assert.Single(json.RootElement.GetProperty("notificationDeliveries").EnumerateArray());
        Assert.Equal(("Webhook", "Test notification", "Failed", 8, "The service did not answer in time."),
            (delivery.GetProperty("channel").GetString(), delivery.GetProperty("subject").GetString(), delivery.GetProperty("status").GetString(),
             delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("lastError").GetString()));
        Assert.DoesNotContain("SECRETPATH", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SIGNINGSECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("protectedSecret", text, StringComparison.OrdinalIgnoreCase);
    }
}
