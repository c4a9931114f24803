// The avatar creator page (/Settings/Avatar/Create, SPEC 2.8b): the server renders every choice as a form control,
// this script draws the character (avatar-character.js) from them, turns it by pointer and keyboard, and sends the
// rendered portrait and full-body images with the document to the avatar page, the one pipeline for avatars
// (through site.js' postWithProgress, shared with the photo upload). Without this script, or without WebGL, the page
// keeps its message and the link to the photo upload.
import { createCharacterView } from "./avatar-character.js";

const TurnStep = 0.2;   // radians per arrow key or button press
const TiltStep = 0.08;
const DragSpeed = 0.01; // radians per CSS pixel dragged

const form = document.querySelector("form[data-avatar-creator]");
if (form) start(form);

function start(form) {
    performance.mark("avatar:modules-evaluated");
    const unavailable = document.querySelector("[data-creator-unavailable]");
    const canvas = form.querySelector("[data-stage]");
    // Shown before the view is created: the view sizes its drawing buffer from the stage's laid-out size.
    unavailable.hidden = true;
    form.hidden = false;
    let view;
    try {
        // three.js throws when the browser gives no WebGL 2 context.
        view = createCharacterView(canvas, { catalogue: JSON.parse(form.dataset.catalogue) });
    } catch {
        form.hidden = true;
        unavailable.hidden = false;
        unavailable.querySelector("[data-creator-no-script]").hidden = true;
        unavailable.querySelector("[data-creator-no-webgl]").hidden = false;
        return;
    }
    performance.mark("avatar:renderer-created");

    const catalogue = JSON.parse(form.dataset.catalogue);
    const stored = JSON.parse(form.dataset.stored);
    const fields = catalogue.groups.flatMap(group => group.fields.map(field => ({ group: group.key, field, name: group.key + "." + field.key })));
    // Made at the first change: the first use of Intl in a page loads locale data (30-70 ms before the first frame).
    let percent = null;
    const editor = form.querySelector("[data-creator-editor]");
    const preview = form.querySelector("[data-creator-preview]");
    const previewImage = form.querySelector("[data-preview-image]");
    const previewHeading = preview.querySelector("h2");
    const errorBox = form.querySelector("[data-creator-error]");
    const progressBox = form.querySelector("[data-progress]");
    const nextButton = form.querySelector("[data-next]");
    const submitButton = preview.querySelector("button[type='submit']");
    let rendered = null; // { portrait, fullBody, url } while the preview is shown

    paintSwatches();
    view.update(readDocument());
    view.firstFrame.then(ms => { document.documentElement.dataset.avatarFirstFrameMs = String(Math.round(ms)); });

    function control(name) { return form.elements.namedItem(name); }

    function readDocument() {
        const doc = { version: catalogue.version };
        for (const { group, field, name } of fields) {
            doc[group] ??= {};
            doc[group][field.key] = field.kind === "Range" ? parseInt(control(name).value, 10) : control(name).value;
        }
        return doc;
    }

    function writeDocument(doc) {
        for (const { group, field, name } of fields) {
            const value = doc[group][field.key];
            if (field.kind === "Range") control(name).value = String(value);
            else form.querySelector(`input[type="radio"][name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`).checked = true;
        }
        showValues();
    }

    // The range's <output> and the chosen colour's name beside its legend.
    function showValues() {
        for (const { field, name } of fields) {
            if (field.kind === "Range") {
                const input = control(name);
                form.querySelector(`output[for="${CSS.escape(input.id)}"]`).value = (percent ??= new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" })).format(input.value / 100);
            } else if (field.kind === "Colour") {
                const chosen = field.options.find(o => o.key === control(name).value);
                form.querySelector(`[data-field="${CSS.escape(name)}"] [data-chosen-name]`).textContent = chosen.label;
            }
        }
    }

    // CSSOM writes are allowed by the CSP (style attributes in markup are not); the colours live in the catalogue only.
    function paintSwatches() {
        for (const { field, name } of fields.filter(f => f.field.kind === "Colour")) {
            const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
            for (const option of field.options) {
                box.querySelector(`[data-swatch="${CSS.escape(option.key)}"]`).style.backgroundColor = option.hex;
            }
        }
    }

    function randomDocument() {
        const doc = { version: catalogue.version };
        for (const { group, field } of fields) {
            doc[group] ??= {};
            doc[group][field.key] = field.kind === "Range"
                ? field.min + Math.floor(Math.random() * (field.max - field.min + 1))
                : field.options[Math.floor(Math.random() * field.options.length)].key;
        }
        return doc;
    }

    function change(doc) {
        writeDocument(doc);
        view.update(readDocument());
    }

    form.addEventListener("input", () => {
        showValues();
        view.update(readDocument());
    });
    const announcement = form.querySelector("[data-creator-announcement]");
    const announce = button => { announcement.textContent = button.dataset.announcement; };
    form.querySelector("[data-randomize]").addEventListener("click", event => {
        change(randomDocument());
        announce(event.currentTarget);
    });
    form.querySelector("[data-reset]").addEventListener("click", event => {
        change(stored);
        announce(event.currentTarget);
    });
    form.querySelectorAll("[data-turn]").forEach(button => {
        button.addEventListener("click", () => view.rotateBy(Number(button.dataset.turn) * TurnStep, 0));
    });

    // Orbit: drag with any pointer (mouse, pen, touch: touch-action is off on the stage), or the arrow keys.
    let drag = null;
    canvas.addEventListener("pointerdown", event => {
        drag = { x: event.clientX, y: event.clientY };
        canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", event => {
        if (!drag) return;
        view.rotateBy((event.clientX - drag.x) * DragSpeed, (event.clientY - drag.y) * DragSpeed);
        drag = { x: event.clientX, y: event.clientY };
    });
    canvas.addEventListener("pointerup", () => { drag = null; });
    canvas.addEventListener("pointercancel", () => { drag = null; });
    canvas.addEventListener("keydown", event => {
        const turns = { ArrowLeft: [-TurnStep, 0], ArrowRight: [TurnStep, 0], ArrowUp: [0, -TiltStep], ArrowDown: [0, TiltStep] };
        const turn = turns[event.key];
        if (!turn) return;
        event.preventDefault();
        view.rotateBy(turn[0], turn[1]);
    });
    window.addEventListener("resize", () => view.resize());

    // Next: render both images now, so what the preview shows is exactly what is sent.
    nextButton.addEventListener("click", async () => {
        nextButton.disabled = true;
        try {
            const [portrait, fullBody] = await Promise.all([view.renderPortrait(512), view.renderFullBody(512, 768)]);
            rendered = { portrait, fullBody, url: URL.createObjectURL(portrait), doc: readDocument() };
            previewImage.src = rendered.url;
            showError("");
            editor.hidden = true;
            preview.hidden = false;
            previewHeading.focus();
        } finally {
            nextButton.disabled = false;
        }
    });

    form.querySelector("[data-back]").addEventListener("click", () => {
        preview.hidden = true;
        editor.hidden = false;
        if (rendered) URL.revokeObjectURL(rendered.url);
        rendered = null;
        previewImage.removeAttribute("src");
        nextButton.focus();
    });

    function showError(message) {
        errorBox.textContent = message;
        errorBox.hidden = !message;
    }

    // The server answers as for a plain form post: the avatar page after its redirect (shown in place of this one), or
    // the avatar page with the error under its field (shown here, so the person can go back and change the character).
    form.addEventListener("submit", async event => {
        event.preventDefault();
        if (!rendered || !window.ProfilePortal) return;
        const data = new FormData();
        data.append("__RequestVerificationToken", form.elements.namedItem("__RequestVerificationToken").value);
        data.append("Input.Character", JSON.stringify(rendered.doc));
        data.append("Input.File", rendered.portrait, "avatar.png");
        data.append("Input.FullBody", rendered.fullBody, "full-body.png");
        submitButton.disabled = true;
        showError("");
        try {
            const answer = await window.ProfilePortal.postWithProgress(form.action, data, progressBox);
            const errors = Array.from(answer.page.querySelectorAll("[data-valmsg-for], [data-testid='form-error']"))
                .map(element => element.textContent.trim()).filter(text => text);
            if (errors.length === 0 && answer.status < 400) {
                window.ProfilePortal.showPage(answer);
                return;
            }
            showError(errors.length ? errors.join(" ") : form.dataset.failed);
        } catch (error) {
            showError(form.dataset.failed);
        }
        progressBox.hidden = true;
        submitButton.disabled = false;
    });
}
