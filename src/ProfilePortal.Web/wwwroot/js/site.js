// Progressive enhancements only: every page works without this file.
(function () {
    "use strict";

    // Live character counters: <textarea data-char-counter="ID" data-char-limit="N">, the counter element holds
    // a data-template like "{0} of {1} characters". Counts code points, as the server does.
    document.querySelectorAll("[data-char-counter]").forEach(function (field) {
        var counter = document.getElementById(field.dataset.charCounter);
        var limit = parseInt(field.dataset.charLimit, 10);
        if (!counter || !limit) return;
        var template = counter.dataset.template || "{0} / {1}";
        var update = function () {
            var length = Array.from(field.value.replace(/\r\n/g, "\n").trim()).length;
            counter.textContent = template.replace("{0}", length).replace("{1}", limit);
            counter.classList.toggle("text-danger", length > limit);
        };
        field.addEventListener("input", update);
        update();
    });

    // A profile that was never saved suggests the browser's own time zone, when the server knows it.
    document.querySelectorAll("select[data-suggest-browser-zone='true']").forEach(function (select) {
        var zone;
        try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
        if (!zone) return;
        var option = Array.from(select.options).find(function (o) { return o.value === zone; });
        if (option) select.value = zone;
    });

    // The profile menu is a <details>: close it with Escape or a click elsewhere.
    document.querySelectorAll("details.profile-menu").forEach(function (menu) {
        document.addEventListener("click", function (event) {
            if (menu.open && !menu.contains(event.target)) menu.open = false;
        });
        menu.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && menu.open) {
                menu.open = false;
                menu.querySelector("summary").focus();
            }
        });
    });
})();

// Show/hide buttons for password fields: hidden without JavaScript, where they could do nothing.
(function () {
    "use strict";
    document.querySelectorAll("[data-toggle-password]").forEach(function (button) {
        var field = document.getElementById(button.dataset.togglePassword);
        if (!field) return;
        var showText = button.textContent;
        var hideText = button.dataset.hideText || "Hide";
        button.hidden = false;
        button.setAttribute("aria-pressed", "false");
        button.setAttribute("aria-controls", field.id);
        button.addEventListener("click", function () {
            var show = field.type === "password";
            field.type = show ? "text" : "password";
            button.textContent = show ? hideText : showText;
            button.setAttribute("aria-pressed", show ? "true" : "false");
        });
    });

    // Live password checklist: each <li data-rule-kind> is re-checked as the person types. The server decides.
    document.querySelectorAll("[data-password-rules-for]").forEach(function (list) {
        var field = document.getElementById(list.dataset.passwordRulesFor);
        if (!field) return;
        var metText = list.dataset.metText, unmetText = list.dataset.unmetText;
        var checks = {
            min: function (p, a) { return Array.from(p).length >= parseInt(a, 10); },
            max: function (p, a) { return Array.from(p).length <= parseInt(a, 10); },
            upper: function (p) { return /\p{Lu}/u.test(p); },
            lower: function (p) { return /\p{Ll}/u.test(p); },
            digit: function (p) { return /[0-9]/.test(p); },
            special: function (p, a) { return Array.from(a).some(function (c) { return p.indexOf(c) >= 0; }); }
        };
        var update = function () {
            list.querySelectorAll("li[data-rule-kind]").forEach(function (item) {
                var check = checks[item.dataset.ruleKind];
                if (!check) return;
                var met = check(field.value, item.dataset.ruleArgument || "");
                item.classList.toggle("met", met);
                var state = item.querySelector("[data-rule-state]");
                if (state) state.textContent = "(" + (met ? metText : unmetText) + ")";
            });
        };
        field.addEventListener("input", update);
    });
})();
