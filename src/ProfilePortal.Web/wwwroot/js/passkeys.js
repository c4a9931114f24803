// Passkeys (WebAuthn) for the forms marked data-passkey="create" (add a passkey) or "get" (sign in, re-authenticate).
// The server does all checking: this script only asks the page for options (a POST carrying the form's antiforgery
// token), hands them to the browser, and posts the browser's answer back through the form's hidden field, so the
// result is an ordinary form POST answered with a redirect or the page with its messages. Without WebAuthn support
// the forms stay hidden and the server-rendered explanation ([data-passkey-unavailable]) stays visible.
(function () {
    "use strict";

    var supported = typeof window.PublicKeyCredential === "function"
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function"
        && !!navigator.credentials
        && window.isSecureContext;

    if (!supported) { return; }

    document.querySelectorAll("[data-passkey-unavailable]").forEach(function (note) { note.hidden = true; });

    // The pending autofill request (conditional mediation), cancelled when the person clicks the button instead.
    var conditional = null;

    function fieldsOf(form) {
        return {
            credential: form.querySelector("[data-passkey-credential]"),
            status: form.querySelector("[data-passkey-status]"),
            button: form.querySelector("button[type=submit]")
        };
    }

    // Resolves to the options as JSON, to null when the page refused them (400), or never settles when the server
    // wants something first (the password again, or a fresh sign-in): the browser is sent there.
    var leaving = new Promise(function () { });

    function fetchOptions(form) {
        return fetch(form.dataset.passkeyOptions, {
            method: "POST",
            body: new FormData(form),
            credentials: "same-origin",
            headers: { "Accept": "application/json" }
        }).then(function (response) {
            if (response.redirected) {
                window.location.assign(response.url);
                return leaving;
            }
            var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
            if (response.ok && json) { return response.json(); }
            if (response.status === 400) { return null; }
            throw new Error("Passkey options: HTTP " + response.status);
        });
    }

    function submitWith(form, credential) {
        fieldsOf(form).credential.value = JSON.stringify(credential.toJSON());
        // form.submit() does not fire the submit event again.
        form.submit();
    }

    function create(form) {
        var fields = fieldsOf(form);
        return fetchOptions(form).then(function (options) {
            if (options === null) {
                // Not valid (for example the name): the server shows why, under the field.
                fields.credential.value = "";
                form.submit();
                return;
            }
            return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                .then(function (credential) { submitWith(form, credential); });
        });
    }

    function get(form, mediation, signal) {
        return fetchOptions(form).then(function (options) {
            if (options === null) { throw new Error("Passkey options refused"); }
            var request = { publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) };
            if (mediation) { request.mediation = mediation; }
            if (signal) { request.signal = signal; }
            return navigator.credentials.get(request).then(function (credential) {
                if (credential) { submitWith(form, credential); }
            });
        });
    }

    function startConditional(form) {
        if (typeof PublicKeyCredential.isConditionalMediationAvailable !== "function") { return; }
        PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
            if (!available) { return; }
            conditional = new AbortController();
            get(form, "conditional", conditional.signal).catch(function () {
                // Cancelled (the button was used instead) or not offered: the button still works.
            });
        });
    }

    document.querySelectorAll("form[data-passkey]").forEach(function (form) {
        var fields = fieldsOf(form);
        if (!fields.credential) { return; }
        form.hidden = false;

        form.addEventListener("submit", function (event) {
            event.preventDefault();
            if (conditional) {
                conditional.abort();
                conditional = null;
            }
            fields.status.textContent = "";
            fields.button.disabled = true;
            var run = form.dataset.passkey === "create" ? create(form) : get(form);
            run.catch(function () {
                // The person cancelled, the authenticator timed out, or it already holds a passkey for this account.
                fields.status.textContent = form.dataset.passkeyFailed;
            }).then(function () {
                fields.button.disabled = false;
            });
        });

        if (form.dataset.passkey === "get" && form.hasAttribute("data-passkey-conditional")) {
            startConditional(form);
        }
    });
})();
