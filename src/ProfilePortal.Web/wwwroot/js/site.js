// Progressive enhancements only: every page works without this file. enhance(root) binds the elements under root,
// so a page whose body is replaced after an upload is enhanced again; listeners on document or window are added
// once, outside enhance().
(function () {
    "use strict";

    function enhance(root) {
        charCounters(root);
        timeZoneLists(root);
        profileMenus(root);
        passwordToggles(root);
        passwordChecklists(root);
        avatarUploads(root);
        copyButtons(root);
    }

    // Copy buttons: <button data-copy-from="INPUT_ID" data-copied-text="Copied" hidden>. Shown only when the script
    // runs; without it the read-only field can still be selected and copied by hand. A status line nearby
    // ([data-copy-status]) announces the result to screen readers.
    function copyButtons(root) {
        root.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
            field.addEventListener("focus", function () { field.select(); });
        });
        root.querySelectorAll("button[data-copy-from]").forEach(function (button) {
            var field = document.getElementById(button.dataset.copyFrom);
            var status = button.closest(".card-body, form, section") && button.closest(".card-body, form, section").querySelector("[data-copy-status]");
            if (!field) { return; }
            button.hidden = false;
            button.addEventListener("click", function () {
                field.focus();
                field.select();
                var done = function () { if (status) { status.textContent = button.dataset.copiedText; } };
                if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(field.value).then(done, function () {
                        // Clipboard permission refused: the text stays selected for Ctrl+C.
                        if (document.execCommand && document.execCommand("copy")) { done(); }
                    });
                } else if (document.execCommand && document.execCommand("copy")) {
                    done();
                }
            });
        });
    }

    // Live character counters: <textarea data-char-counter="ID" data-char-limit="N">; the counter element holds a
    // data-template like "{0} of {1} characters". Counts code points after trimming, as the server does.
    function charCounters(root) {
        root.querySelectorAll("[data-char-counter]").forEach(function (field) {
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
    }

    // The profile's time zone list shows the common zones (every zone is one link away without this file). Here it
    // gets a search box over every zone, fetched once on first use, and a profile that was never saved suggests the
    // browser's own zone even when it is not a common one. The selected zone is always kept in the list, so
    // searching never changes the choice by itself.
    function timeZoneLists(root) {
        root.querySelectorAll("select[data-time-zones]").forEach(function (select) {
            var zones = null;
            var load = function () {
                zones = zones || fetch(select.dataset.timeZones, { headers: { Accept: "application/json" }, credentials: "same-origin" })
                    .then(function (response) {
                        if (!response.ok) throw new Error("HTTP " + response.status);
                        return response.json();
                    })
                    .then(function (data) { return data.zones; });
                return zones;
            };
            var common = Array.from(select.children).map(function (node) { return node.cloneNode(true); });
            var show = function (list) {
                var selected = select.value;
                var selectedText = select.selectedOptions.length ? select.selectedOptions[0].textContent : "";
                if (selected && !list.some(function (z) { return z.id === selected; })) {
                    list = [{ id: selected, region: "", label: selectedText }].concat(list);
                }
                select.replaceChildren();
                var group = null;
                list.forEach(function (zone) {
                    if (!zone.region || zone.id === "UTC") {
                        group = null;
                    } else if (!group || group.label !== zone.region) {
                        group = document.createElement("optgroup");
                        group.label = zone.region;
                        select.appendChild(group);
                    }
                    var option = new Option(zone.label, zone.id, false, zone.id === selected);
                    (group || select).appendChild(option);
                });
                select.value = selected;
            };

            var search = document.createElement("input");
            search.type = "search";
            search.id = select.id + "_search";
            search.className = "form-control form-control-sm mb-2";
            search.autocomplete = "off";
            search.setAttribute("aria-controls", select.id);
            search.setAttribute("aria-describedby", select.id + "_matches");
            var label = document.createElement("label");
            label.htmlFor = search.id;
            label.className = "form-label small mb-1";
            label.textContent = select.dataset.searchLabel;
            var matches = document.createElement("div");
            matches.id = select.id + "_matches";
            matches.className = "form-text mt-0 mb-1";
            matches.setAttribute("aria-live", "polite");
            select.before(label, search, matches);

            var timer = 0;
            search.addEventListener("input", function () {
                clearTimeout(timer);
                timer = setTimeout(function () {
                    var query = search.value.trim().toLowerCase().replace(/_/g, " ");
                    if (!query) {
                        var chosen = select.selectedOptions.length ? select.selectedOptions[0] : null;
                        select.replaceChildren.apply(select, common.map(function (node) { return node.cloneNode(true); }));
                        if (chosen && !Array.from(select.options).some(function (o) { return o.value === chosen.value; })) {
                            select.prepend(new Option(chosen.textContent, chosen.value));
                        }
                        if (chosen) select.value = chosen.value;
                        matches.textContent = "";
                        return;
                    }
                    load().then(function (all) {
                        var found = all.filter(function (z) {
                            return z.id.toLowerCase().replace(/_/g, " ").indexOf(query) >= 0 || z.label.toLowerCase().indexOf(query) >= 0;
                        });
                        show(found);
                        matches.textContent = found.length ? select.dataset.matchCount.replace("{0}", found.length) : select.dataset.noMatch;
                    }).catch(function () { matches.textContent = ""; });
                }, 150);
            });

            if (select.dataset.suggestBrowserZone !== "true") return;
            var browserZone;
            try { browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
            if (!browserZone) return;
            if (Array.from(select.options).some(function (o) { return o.value === browserZone; })) {
                select.value = browserZone;
                return;
            }
            load().then(function (all) {
                var zone = all.find(function (z) { return z.id === browserZone; });
                if (!zone) return;
                var option = new Option(zone.label, zone.id);
                select.appendChild(option);
                common.push(option.cloneNode(true));
                select.value = browserZone;
            }).catch(function () { });
        });
    }

    // The profile menu is a <details> (it opens without this file); here it gets the menu button keyboard model:
    // focus moves to the first item on open, arrow keys, Home and End move between the items, Escape closes and
    // returns focus to the button, and a click elsewhere closes it. The click listener is on the document, so it is
    // added once for the page (below), not again on every enhance().
    function closeProfileMenusOutside(event) {
        document.querySelectorAll("details.profile-menu[open]").forEach(function (menu) {
            if (!menu.contains(event.target)) menu.open = false;
        });
    }

    function profileMenus(root) {
        root.querySelectorAll("details.profile-menu").forEach(function (menu) {
            var toggle = menu.querySelector("summary");
            var items = function () {
                return Array.from(menu.querySelectorAll(".profile-menu-panel a[href], .profile-menu-panel button:not([disabled])"));
            };
            var moveTo = function (index) {
                var all = items();
                if (all.length === 0) return;
                all[(index + all.length) % all.length].focus();
            };
            toggle.setAttribute("aria-expanded", menu.open ? "true" : "false");
            menu.addEventListener("toggle", function () {
                toggle.setAttribute("aria-expanded", menu.open ? "true" : "false");
                if (menu.open && document.activeElement === toggle) moveTo(0);
            });
            toggle.addEventListener("keydown", function (event) {
                if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !menu.open) {
                    event.preventDefault();
                    event.stopPropagation();
                    menu.open = true;
                    var all = items();
                    moveTo(event.key === "ArrowUp" ? all.length - 1 : 0);
                }
            });
            menu.addEventListener("keydown", function (event) {
                if (!menu.open) return;
                var all = items();
                var index = all.indexOf(document.activeElement);
                if (event.key === "Escape") {
                    event.preventDefault();
                    menu.open = false;
                    toggle.focus();
                } else if (event.key === "ArrowDown") {
                    event.preventDefault();
                    moveTo(index < 0 ? 0 : index + 1);
                } else if (event.key === "ArrowUp") {
                    event.preventDefault();
                    moveTo(index < 0 ? all.length - 1 : index - 1);
                } else if (event.key === "Home" && index >= 0) {
                    event.preventDefault();
                    moveTo(0);
                } else if (event.key === "End" && index >= 0) {
                    event.preventDefault();
                    moveTo(all.length - 1);
                }
            });
            // Tabbing out of the open menu closes it, as leaving a menu does.
            menu.addEventListener("focusout", function (event) {
                if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
            });
        });
    }

    // Show buttons for password fields: toggle buttons (aria-pressed) whose name stays "Show <field>", so screen
    // readers hear one stable name and the state. Hidden without JavaScript, where they could do nothing.
    function passwordToggles(root) {
        root.querySelectorAll("[data-toggle-password]").forEach(function (button) {
            var field = document.getElementById(button.dataset.togglePassword);
            if (!field) return;
            button.hidden = false;
            button.setAttribute("aria-pressed", "false");
            button.setAttribute("aria-controls", field.id);
            button.addEventListener("click", function () {
                var show = field.type === "password";
                field.type = show ? "text" : "password";
                button.setAttribute("aria-pressed", show ? "true" : "false");
                button.classList.toggle("active", show);
            });
        });
    }

    // Live password checklist: each <li data-rule-kind> is re-checked as the person types. The server decides.
    function passwordChecklists(root) {
        root.querySelectorAll("[data-password-rules-for]").forEach(function (list) {
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
            field.addEventListener("input", function () {
                list.querySelectorAll("li[data-rule-kind]").forEach(function (item) {
                    var check = checks[item.dataset.ruleKind];
                    if (!check) return;
                    var met = check(field.value, item.dataset.ruleArgument || "");
                    item.classList.toggle("met", met);
                    var state = item.querySelector("[data-rule-state]");
                    if (state) state.textContent = "(" + (met ? metText : unmetText) + ")";
                });
            });
        });
    }

    // Avatar upload: drop a file or pick one, choose the square with a draggable box (mouse, touch or keyboard),
    // see a preview, and upload with a progress bar. The server checks everything again and crops the centre
    // when no square was chosen.
    function avatarUploads(root) {
        root.querySelectorAll("form[data-avatar-upload]").forEach(function (form) {
            var input = form.querySelector("input[type='file']");
            var zone = form.querySelector("[data-drop-zone]");
            var area = form.querySelector("[data-crop-area]");
            var stage = form.querySelector("[data-crop-stage]");
            var preview = form.querySelector("[data-crop-preview]");
            var progressBox = form.querySelector("[data-progress]");
            var errorBox = document.getElementById(input.id + "_error");
            var fields = {
                x: form.querySelector("input[name='Input.CropX']"),
                y: form.querySelector("input[name='Input.CropY']"),
                size: form.querySelector("input[name='Input.CropSize']")
            };
            var maxBytes = parseInt(form.dataset.maxBytes, 10);
            var allowed = ["image/jpeg", "image/png", "image/webp", "image/gif"];
            var image = null, crop = null, objectUrl = null, box = null;

            function showError(message) {
                if (errorBox) errorBox.textContent = message;
                input.setAttribute("aria-invalid", message ? "true" : "false");
            }

            function clearCrop() {
                fields.x.value = fields.y.value = fields.size.value = "";
                area.hidden = true;
                stage.textContent = "";
                if (objectUrl) URL.revokeObjectURL(objectUrl);
                objectUrl = null; image = null; crop = null; box = null;
            }

            function accept(file) {
                clearCrop();
                showError("");
                if (!file) return;
                if (file.size > maxBytes) { showError(form.dataset.tooLarge); input.value = ""; return; }
                if (allowed.indexOf(file.type) < 0) { showError(form.dataset.notImage); input.value = ""; return; }
                objectUrl = URL.createObjectURL(file);
                image = new Image();
                image.alt = "";
                image.onload = function () {
                    // naturalWidth/Height are the upright size (browsers apply EXIF orientation), as the server crops.
                    var w = image.naturalWidth, h = image.naturalHeight, s = Math.min(w, h);
                    crop = { x: Math.floor((w - s) / 2), y: Math.floor((h - s) / 2), size: s };
                    stage.appendChild(image);
                    box = document.createElement("div");
                    box.className = "crop-box";
                    box.tabIndex = 0;
                    box.setAttribute("role", "group");
                    box.setAttribute("aria-label", area.querySelector("#crop-help").textContent);
                    var handle = document.createElement("div");
                    handle.className = "crop-handle";
                    box.appendChild(handle);
                    stage.appendChild(box);
                    area.hidden = false;
                    bindCropBox(box, handle);
                    render();
                };
                image.onerror = function () { showError(form.dataset.notImage); clearCrop(); };
                image.src = objectUrl;
            }

            function scale() { return image.clientWidth / image.naturalWidth; }

            function clamp() {
                var w = image.naturalWidth, h = image.naturalHeight;
                crop.size = Math.max(16, Math.min(Math.round(crop.size), w, h));
                crop.x = Math.max(0, Math.min(Math.round(crop.x), w - crop.size));
                crop.y = Math.max(0, Math.min(Math.round(crop.y), h - crop.size));
            }

            function render() {
                clamp();
                var k = scale();
                // CSSOM writes are allowed by the CSP (style attributes in markup are not).
                box.style.left = (crop.x * k) + "px";
                box.style.top = (crop.y * k) + "px";
                box.style.width = box.style.height = (crop.size * k) + "px";
                fields.x.value = crop.x; fields.y.value = crop.y; fields.size.value = crop.size;
                var context = preview.getContext("2d");
                context.clearRect(0, 0, preview.width, preview.height);
                context.drawImage(image, crop.x, crop.y, crop.size, crop.size, 0, 0, preview.width, preview.height);
            }

            // Right-to-left pages put the resize handle on the lower left corner (the inline end): growing then keeps
            // the right edge where it is and extends to the left, as the handle's position promises.
            function rtl() { return window.getComputedStyle(box).direction === "rtl"; }

            function resize(from, grow) {
                var size = from.size + grow, right = from.x + from.size;
                if (rtl()) { size = Math.min(size, right); crop.x = right - size; }
                else { crop.x = from.x; }
                crop.y = from.y;
                crop.size = size;
            }

            function bindCropBox(target, handle) {
                var drag = null;
                function start(event, mode) {
                    event.preventDefault();
                    event.stopPropagation();
                    drag = { mode: mode, px: event.clientX, py: event.clientY, x: crop.x, y: crop.y, size: crop.size };
                    target.setPointerCapture(event.pointerId);
                }
                target.addEventListener("pointerdown", function (e) { start(e, "move"); });
                handle.addEventListener("pointerdown", function (e) { start(e, "resize"); });
                target.addEventListener("pointermove", function (event) {
                    if (!drag) return;
                    var k = scale(), dx = (event.clientX - drag.px) / k, dy = (event.clientY - drag.py) / k;
                    if (drag.mode === "move") { crop.x = drag.x + dx; crop.y = drag.y + dy; }
                    else { resize(drag, Math.max(rtl() ? -dx : dx, dy)); }
                    render();
                });
                target.addEventListener("pointerup", function () { drag = null; });
                target.addEventListener("keydown", function (event) {
                    var step = Math.max(1, Math.round(crop.size / 20));
                    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
                    var move = moves[event.key];
                    if (!move) return;
                    event.preventDefault();
                    if (event.shiftKey) resize(crop, (rtl() ? -move[0] : move[0]) || move[1]);
                    else { crop.x += move[0]; crop.y += move[1]; }
                    render();
                });
            }

            input.addEventListener("change", function () { accept(input.files[0]); });
            ["dragenter", "dragover"].forEach(function (name) {
                zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
            });
            ["dragleave", "drop"].forEach(function (name) {
                zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
            });
            zone.addEventListener("drop", function (event) {
                event.preventDefault();
                if (!event.dataTransfer || !event.dataTransfer.files.length) return;
                input.files = event.dataTransfer.files;
                accept(input.files[0]);
            });

            form.addEventListener("submit", function (event) {
                if (!input.files.length || !window.XMLHttpRequest || !window.DOMParser) return;
                event.preventDefault();
                postWithProgress(form.action, new FormData(form), progressBox).then(showPage, function () {
                    progressBox.hidden = true;
                    form.submit();
                });
            });
        });
    }

    // Posts form data with a progress bar (<div data-progress hidden> holding a <progress>) and resolves with the
    // page the server answered as it would a plain form post: the page after its redirect, or the page with errors,
    // with its address and status. Rejects when the request fails. The avatar upload and the avatar creator (avatar-creator.js,
    // through window.ProfilePortal) both send with it.
    function postWithProgress(url, formData, progressBox) {
        return new Promise(function (resolve, reject) {
            var progress = progressBox && progressBox.querySelector("progress");
            var request = new XMLHttpRequest();
            request.open("POST", url);
            if (progressBox) progressBox.hidden = false;
            if (progress) progress.value = 0;
            request.upload.addEventListener("progress", function (e) {
                if (progress && e.lengthComputable) progress.value = Math.round(e.loaded * 100 / e.total);
            });
            request.addEventListener("load", function () {
                resolve({ page: new DOMParser().parseFromString(request.responseText, "text/html"), url: request.responseURL, status: request.status });
            });
            request.addEventListener("error", function () { reject(new Error("The upload failed.")); });
            request.send(formData);
        });
    }

    // Shows a page answered by postWithProgress in place of this one, at its address (the avatar creator's answer is
    // the avatar page).
    function showPage(answer) {
        if (answer.url && answer.url !== window.location.href) window.history.replaceState(null, "", answer.url);
        document.title = answer.page.title;
        document.body.replaceWith(document.adoptNode(answer.page.body));
        enhance(document.body);
    }

    window.ProfilePortal = { postWithProgress: postWithProgress, showPage: showPage };

    document.addEventListener("click", closeProfileMenusOutside);
    enhance(document);
})();
