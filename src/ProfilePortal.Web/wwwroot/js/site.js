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
