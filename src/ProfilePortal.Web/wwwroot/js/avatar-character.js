// The avatar creator's 3D character (SPEC 2.8b): every part is built from three.js primitives from the character
// document, with the colours of the catalogue the page renders (so swatches and model never disagree). It renders on
// demand only (after a change, an orbit or a resize), never in a loop: the machine may be a shared 2-core server.
import * as THREE from "../lib/three/three.avatar.min.js";

const BACKGROUND = "#e9ecef";
const PITCH_LIMIT = 0.35;
// The frame is fixed to the tallest character so a height change is visible and full-body images compare.
const MAX_HEIGHT_FACTOR = 1.15;
const SKULL = { x: 0.15, y: 0.159, z: 0.144 };
// Heads are drawn larger than life: a friendlier, more readable face in a small avatar.
const HEAD_SCALE = 1.15;

// The catalogue as the page renders it: {groups:[{key, fields:[{key, kind, default, options:[{key, hex}], min, max}]}]}.
function readCatalogue(catalogue) {
    const fields = new Map();
    for (const group of catalogue?.groups ?? []) {
        for (const field of group.fields ?? []) {
            fields.set(group.key + "." + field.key, field);
        }
    }
    return fields;
}

// The value of one field, or its default when the document lacks it or holds something the catalogue does not know.
function fieldValue(fields, doc, group, key) {
    const field = fields.get(group + "." + key);
    const raw = doc?.[group]?.[key];
    if (!field) return raw;
    if (field.kind === "Range") {
        const number = Number(raw ?? field.default);
        const fallback = Number(field.default);
        if (!Number.isFinite(number)) return fallback;
        return Math.min(field.max, Math.max(field.min, number));
    }
    const known = (field.options ?? []).some(o => o.key === raw);
    return known ? raw : field.default;
}

function optionHex(fields, group, key, value) {
    const field = fields.get(group + "." + key);
    const option = (field?.options ?? []).find(o => o.key === value);
    return option?.hex ?? "#808080";
}

// Everything the parts are built from: the document's values resolved against the catalogue, and body dimensions.
function resolve(fields, doc) {
    const v = (group, key) => fieldValue(fields, doc, group, key);
    const hex = (group, key) => optionHex(fields, group, key, v(group, key));
    const height = v("body", "height") / 100;
    const build = v("body", "build");
    const shoulderScale = { slim: 0.84, average: 1, broad: 1.24 }[build] ?? 1;
    const girthScale = { slim: 0.82, average: 1, broad: 1.18 }[build] ?? 1;
    const limbScale = { slim: 0.8, average: 1, broad: 1.22 }[build] ?? 1;
    const hipY = 0.8 * height;
    const shoulderY = hipY + 0.5 * height;
    const neckTop = shoulderY + 0.075;
    return {
        height, build,
        shoulder: 0.165 * shoulderScale,
        girth: 0.135 * girthScale,
        limb: limbScale,
        hipY,
        waistY: hipY + 0.13 * height,
        shoulderY,
        neckTop,
        headY: neckTop + 0.125 * HEAD_SCALE,
        armLength: 0.56 * height,
        eyes: v("face", "eyes"), brows: v("face", "brows"), mouth: v("face", "mouth"),
        hair: v("hair", "style"),
        top: v("outfit", "top"), bottom: v("outfit", "bottom"), shoes: v("outfit", "shoes"),
        glasses: v("accessories", "glasses"), headwear: v("accessories", "headwear"),
        colours: {
            skin: hex("skin", "tone"), eye: hex("face", "eyeColor"), hair: hex("hair", "color"),
            top: hex("outfit", "topColor"), bottom: hex("outfit", "bottomColor"), shoes: hex("outfit", "shoesColor"),
            headwear: hex("accessories", "headwearColor"),
        },
    };
}

function mesh(geometry, material, position, rotation, scale) {
    const m = new THREE.Mesh(geometry, material);
    if (position) m.position.set(position[0], position[1], position[2]);
    if (rotation) m.rotation.set(rotation[0], rotation[1], rotation[2]);
    if (scale) m.scale.set(scale[0], scale[1], scale[2]);
    return m;
}

function group(...children) {
    const g = new THREE.Group();
    for (const child of children) if (child) g.add(child);
    return g;
}

// A smooth solid of revolution through (radius, y) points, closed at both ends.
function lathe(points, segments = 32) {
    const curve = new THREE.SplineCurve(points.map(p => new THREE.Vector2(p[0], p[1])));
    const profile = curve.getPoints(Math.max(12, points.length * 6));
    profile.unshift(new THREE.Vector2(0, points[0][1]));
    profile.push(new THREE.Vector2(0, points[points.length - 1][1]));
    return new THREE.LatheGeometry(profile, segments);
}

// A cylinder between two points (limbs, sleeves, straps).
function segment(from, to, radiusFrom, radiusTo, material, radial = 20) {
    const a = new THREE.Vector3(...from);
    const b = new THREE.Vector3(...to);
    const length = a.distanceTo(b);
    const m = new THREE.Mesh(new THREE.CylinderGeometry(radiusTo, radiusFrom, length, radial, 1, false), material);
    m.position.copy(a).lerp(b, 0.5);
    m.quaternion.setFromUnitVectors(new THREE.Vector3(0, 1, 0), b.clone().sub(a).normalize());
    return m;
}

function sphere(radius, material, position, scale, widthSegments = 24, heightSegments = 16) {
    return mesh(new THREE.SphereGeometry(radius, widthSegments, heightSegments), material, position, null, scale);
}

// The point on the skull's surface (head space) at x, y, for placing face parts on it.
function skullZ(x, y) {
    const t = 1 - (x / SKULL.x) ** 2 - (y / SKULL.y) ** 2;
    return SKULL.z * Math.sqrt(Math.max(0, t));
}

function shade(hex, factor) {
    return new THREE.Color(hex).multiplyScalar(factor);
}

// The arm hangs from the shoulder, a little away from the body; sleeves use the same frame.
function armFrame(d, side) {
    const angle = side * (0.1 + 0.06 * d.limb);
    const shoulder = new THREE.Vector3(side * (d.shoulder - 0.012), d.shoulderY - 0.045, 0);
    const direction = new THREE.Vector3(Math.sin(angle), -Math.cos(angle), 0.04).normalize();
    const at = t => shoulder.clone().addScaledVector(direction, t * d.armLength).toArray();
    return { shoulder: shoulder.toArray(), at, angle };
}

function legFrame(d, side) {
    const x = side * d.girth * 0.5;
    return { x, top: d.hipY - 0.04, ankle: 0.085 };
}

// ---- Parts. Each takes the resolved character and the shared materials and returns a Group. ----

function buildSkinBody(d, m) {
    const parts = [];
    const arm = d.limb;
    for (const side of [-1, 1]) {
        const f = armFrame(d, side);
        parts.push(sphere(0.048 * arm, m.skin, f.shoulder));
        parts.push(segment(f.at(0), f.at(0.52), 0.046 * arm, 0.039 * arm, m.skin));
        parts.push(sphere(0.039 * arm, m.skin, f.at(0.52)));
        parts.push(segment(f.at(0.52), f.at(0.93), 0.039 * arm, 0.032 * arm, m.skin));
        const hand = sphere(0.042, m.skin, f.at(1.0), [0.8, 1.25, 0.62]);
        hand.rotation.z = f.angle;
        parts.push(hand);
        const leg = legFrame(d, side);
        parts.push(sphere(0.066 * arm, m.skin, [leg.x, leg.top, 0]));
        parts.push(segment([leg.x, leg.top, 0], [leg.x, d.hipY * 0.5, 0.005], 0.066 * arm, 0.048 * arm, m.skin));
        parts.push(sphere(0.048 * arm, m.skin, [leg.x, d.hipY * 0.5, 0.005]));
        parts.push(segment([leg.x, d.hipY * 0.5, 0.005], [leg.x, leg.ankle, 0], 0.048 * arm, 0.036 * arm, m.skin));
    }
    parts.push(segment([0, d.shoulderY - 0.03, 0], [0, d.neckTop + 0.03, 0], 0.05, 0.046, m.skin));
    return group(...parts);
}

function buildTop(d, m) {
    const long = d.top !== "tshirt";
    const loose = d.top === "hoodie" || d.top === "sweater" || d.top === "jacket";
    // A T-shirt or shirt is tucked in at the waist; the others hang over the hips.
    const hemY = loose ? d.hipY - 0.07 : d.waistY - 0.012;
    const g = d.girth * (loose ? 1.12 : 1.04);
    const s = d.shoulder + (d.top === "jacket" ? 0.012 : 0.004);
    const depth = 0.72;
    const torso = mesh(lathe([
        [g * 1.02, hemY],
        [g * 0.97, d.waistY],
        [Math.max(g, s * 0.92), d.shoulderY - 0.17 * d.height],
        [s, d.shoulderY - 0.045],
        [s * 0.7, d.shoulderY + 0.005],
        [0.056, d.shoulderY + 0.03],
    ]), m.top, null, null, [1, 1, depth]);
    const parts = [torso];
    const frontZ = y => {
        // Half-depth of the torso at height y (approximately), to put details on its front surface.
        const t = Math.min(1, Math.max(0, (y - hemY) / (d.shoulderY - hemY)));
        return (g + (Math.max(g, s * 0.92) - g) * t) * depth;
    };
    const arm = d.limb;
    for (const side of [-1, 1]) {
        const f = armFrame(d, side);
        parts.push(sphere(0.058 * arm + (loose ? 0.006 : 0), m.top, f.shoulder));
        if (!long) {
            parts.push(segment(f.at(0), f.at(0.3), 0.058 * arm, 0.058 * arm, m.top));
            parts.push(mesh(new THREE.TorusGeometry(0.057 * arm, 0.006, 8, 24), m.topShade, f.at(0.3), [Math.PI / 2, 0, f.angle]));
            continue;
        }
        const r = (loose ? 0.06 : 0.053) * arm;
        parts.push(segment(f.at(0), f.at(0.52), r, r * 0.92, m.top));
        parts.push(sphere(r * 0.92, m.top, f.at(0.52)));
        parts.push(segment(f.at(0.52), f.at(0.86), r * 0.92, r * 0.82, m.top));
        const cuffMaterial = d.top === "shirt" ? m.topLight : m.topShade;
        if (d.top !== "jacket") {
            parts.push(segment(f.at(0.85), f.at(0.91), r * 0.84, r * 0.8, cuffMaterial));
        }
    }
    const neckZ = 0.055;
    if (d.top === "tshirt") {
        // A contrasting ringer collar.
        parts.push(mesh(new THREE.TorusGeometry(0.058, 0.011, 8, 32), m.topLight, [0, d.shoulderY + 0.022, 0.004], [Math.PI / 2 - 0.25, 0, 0], [1, 0.8, 1]));
    } else if (d.top === "shirt") {
        // Collar points and a button placket.
        for (const side of [-1, 1]) {
            const collar = mesh(new THREE.BoxGeometry(0.055, 0.075, 0.012), m.topLight, [side * 0.034, d.shoulderY + 0.005, neckZ + 0.012], [-0.35, 0, side * 0.75]);
            parts.push(collar);
        }
        for (let i = 0; i < 5; i++) {
            const y = d.shoulderY - 0.05 - i * (d.shoulderY - d.waistY) / 5;
            parts.push(sphere(0.008, m.buttons, [0, y, frontZ(y) + 0.002], [1, 1, 0.5], 10, 8));
        }
        parts.push(segment([0, d.shoulderY - 0.03, frontZ(d.shoulderY - 0.03) - 0.004], [0, hemY + 0.01, frontZ(hemY) - 0.004], 0.012, 0.012, m.topShade, 8));
    } else if (d.top === "hoodie") {
        // Hood folded behind the neck, a kangaroo pocket and the drawstrings.
        parts.push(mesh(new THREE.TorusGeometry(0.085, 0.04, 14, 32), m.top, [0, d.shoulderY + 0.02, -0.025], [Math.PI / 2 - 0.35, 0, 0], [1.15, 1, 1]));
        parts.push(sphere(0.1, m.topShade, [0, d.shoulderY + 0.06, -0.1], [1, 0.8, 0.55]));
        const pocketY = (hemY + d.waistY) / 2 + 0.01;
        parts.push(mesh(new THREE.CylinderGeometry(g * 0.55, g * 0.72, 0.12, 4, 1), m.topShade, [0, pocketY, frontZ(pocketY) - 0.005], [0, Math.PI / 4, 0], [1, 1, 0.18]));
        for (const side of [-1, 1]) {
            parts.push(segment([side * 0.025, d.shoulderY, frontZ(d.shoulderY) - 0.01], [side * 0.03, d.shoulderY - 0.14, frontZ(d.shoulderY - 0.14) + 0.006], 0.005, 0.005, m.strings, 8));
            parts.push(sphere(0.009, m.strings, [side * 0.03, d.shoulderY - 0.145, frontZ(d.shoulderY - 0.14) + 0.006], null, 8, 6));
        }
    } else if (d.top === "sweater") {
        // A ribbed roll neck, hem band and knit ridges.
        parts.push(mesh(lathe([[0.062, d.shoulderY], [0.066, d.shoulderY + 0.035], [0.064, d.shoulderY + 0.07], [0.058, d.shoulderY + 0.085]], 32), m.topShade, [0, 0, 0.004], null, [1.05, 1, 0.95]));
        parts.push(mesh(new THREE.TorusGeometry(0.064, 0.014, 10, 32), m.top, [0, d.shoulderY + 0.085, 0.004], [Math.PI / 2, 0, 0], [1.05, 0.95, 1]));
        parts.push(mesh(lathe([[g * 1.05, hemY - 0.005], [g * 1.06, hemY + 0.02], [g * 1.04, hemY + 0.045]], 32), m.topShade, null, null, [1, 1, depth]));
        for (let i = 0; i < 3; i++) {
            const y = d.waistY + 0.05 + i * 0.06 * d.height;
            parts.push(mesh(new THREE.TorusGeometry(1, 0.004, 6, 48), m.topShade, [0, y, 0], [Math.PI / 2, 0, 0], [frontZ(y) / depth + 0.002, frontZ(y) + 0.002, 1]));
        }
    } else if (d.top === "jacket") {
        // Open front over a white T-shirt, lapels and pocket flaps.
        const shirtTop = d.shoulderY;
        parts.push(mesh(new THREE.PlaneGeometry(0.075, shirtTop - hemY - 0.01), m.undershirt, [0, (shirtTop + hemY) / 2, frontZ((shirtTop + hemY) / 2) + 0.004]));
        for (const side of [-1, 1]) {
            parts.push(mesh(new THREE.BoxGeometry(0.03, 0.16, 0.012), m.topShade, [side * 0.05, d.shoulderY - 0.06, frontZ(d.shoulderY - 0.06) + 0.004], [0.25, 0, side * -0.35]));
            parts.push(mesh(new THREE.BoxGeometry(0.07, 0.05, 0.01), m.topShade, [side * g * 0.55, d.waistY - 0.05, frontZ(d.waistY - 0.05) + 0.002]));
        }
        parts.push(mesh(new THREE.TorusGeometry(0.068, 0.012, 8, 32), m.top, [0, d.shoulderY + 0.024, -0.006], [Math.PI / 2 - 0.35, 0, 0], [1.05, 0.85, 1]));
    }
    return group(...parts);
}

function buildBottom(d, m) {
    const parts = [];
    const g = d.girth;
    const arm = d.limb;
    const depth = 0.68;
    // Only a tucked-in top (T-shirt, shirt) shows the waistband and pockets; looser tops cover them.
    const tucked = d.top === "tshirt" || d.top === "shirt";
    // The waist: hips and the top of the legs.
    parts.push(mesh(lathe([
        [g * 0.5, d.hipY - 0.085],
        [g * 0.95, d.hipY - 0.055],
        [g * 1.04, d.hipY + 0.0],
        [g * 0.99, d.waistY + 0.02],
    ]), m.bottom, null, null, [1, 1, depth]));
    for (const side of [-1, 1]) {
        const leg = legFrame(d, side);
        const knee = d.hipY * 0.5;
        // Long legs end at the ankle, or tucked into boots.
        const hem = d.shoes === "boots" ? 0.2 : 0.075;
        if (d.bottom !== "skirt") {
            parts.push(sphere(0.075 * arm, m.bottom, [leg.x, leg.top + 0.02, 0]));
        }
        if (d.bottom === "trousers") {
            parts.push(segment([leg.x, leg.top + 0.02, 0], [leg.x, hem, 0.004], 0.076 * arm, 0.07 * arm, m.bottom));
            // A pressed crease down the front.
            parts.push(segment([leg.x, leg.top - 0.05, 0.07 * arm], [leg.x, hem + 0.005, 0.066 * arm], 0.003, 0.003, m.bottomShade, 6));
        } else if (d.bottom === "jeans") {
            // Slim legs with turn-ups, light seams down the outside and curved front pockets.
            parts.push(segment([leg.x, leg.top + 0.02, 0], [leg.x, hem + 0.02, 0.004], 0.074 * arm, 0.05 * arm, m.bottom));
            if (d.shoes !== "boots") {
                parts.push(mesh(new THREE.CylinderGeometry(0.06 * arm, 0.06 * arm, 0.05, 24), m.bottomLight, [leg.x, hem + 0.035, 0.004]));
            }
            parts.push(segment([leg.x + side * 0.073 * arm, leg.top + 0.02, 0], [leg.x + side * 0.05 * arm, hem + 0.05, 0.004], 0.004, 0.004, m.bottomLight, 6));
            if (tucked) parts.push(mesh(new THREE.TorusGeometry(0.05, 0.004, 6, 16, Math.PI / 2), m.bottomLight, [side * g * 1.0, d.waistY - 0.03, g * depth * 0.8], [0, side * 0.7, side > 0 ? Math.PI : -Math.PI / 2]));
        } else if (d.bottom === "shorts") {
            parts.push(segment([leg.x, leg.top + 0.02, 0], [leg.x * 1.08, knee + 0.08 * d.height, 0.004], 0.078 * arm, 0.074 * arm, m.bottom));
            parts.push(mesh(new THREE.TorusGeometry(0.073 * arm, 0.006, 8, 24), m.bottomShade, [leg.x * 1.08, knee + 0.08 * d.height, 0.004], [Math.PI / 2, 0, 0]));
        }
    }
    if (d.bottom === "skirt") {
        const hem = d.hipY * 0.56;
        parts.push(mesh(new THREE.LatheGeometry([
            new THREE.Vector2(g * 0.99, d.waistY + 0.005),
            new THREE.Vector2(g * 1.05, d.hipY),
            new THREE.Vector2(g * 1.35, (d.hipY + hem) / 2),
            new THREE.Vector2(g * 1.62, hem),
            new THREE.Vector2(g * 1.55, hem - 0.004),
        ], 40), m.bottom, null, null, [1, 1, 0.74]));
    }
    if (tucked && (d.bottom === "jeans" || d.bottom === "trousers")) {
        // A belt with a buckle.
        parts.push(mesh(lathe([[g * 1.0, d.waistY - 0.042], [g * 1.005, d.waistY - 0.014]], 32), d.bottom === "jeans" ? m.belt : m.bottomShade, null, null, [1.03, 1, depth * 1.04]));
        parts.push(mesh(new THREE.BoxGeometry(0.04, 0.03, 0.01), m.buckle, [0, d.waistY - 0.028, g * depth * 1.05]));
    } else if (tucked && d.bottom === "shorts") {
        parts.push(mesh(lathe([[g * 1.0, d.waistY - 0.04], [g * 1.005, d.waistY - 0.014]], 32), m.bottomShade, null, null, [1.03, 1, depth * 1.04]));
    }
    return group(...parts);
}

function buildShoes(d, m) {
    const parts = [];
    for (const side of [-1, 1]) {
        const x = legFrame(d, side).x * 1.05;
        if (d.shoes === "sneakers") {
            // Chunky trainers: a rounded upper, a thick light sole, laces.
            parts.push(sphere(0.068, m.shoes, [x, 0.055, 0.04], [0.92, 0.82, 1.65]));
            parts.push(mesh(new THREE.CapsuleGeometry(0.066, 0.12, 6, 20), m.sole, [x, 0.022, 0.04], [Math.PI / 2, 0, 0], [1.02, 1, 0.36]));
            for (let i = 0; i < 3; i++) {
                parts.push(mesh(new THREE.BoxGeometry(0.045, 0.007, 0.012), m.laces, [x, 0.1 - i * 0.012, 0.075 + i * 0.022], [0.6, 0, 0]));
            }
        } else if (d.shoes === "boots") {
            // Boots up the calf with a turned-down top and a dark heeled sole.
            parts.push(sphere(0.07, m.shoes, [x, 0.058, 0.035], [0.95, 0.88, 1.55]));
            parts.push(mesh(new THREE.CylinderGeometry(0.075 * d.limb, 0.07, 0.24, 24), m.shoes, [x, 0.15, 0]));
            parts.push(mesh(new THREE.TorusGeometry(0.075 * d.limb, 0.012, 8, 24), m.shoesShade, [x, 0.27, 0], [Math.PI / 2, 0, 0]));
            parts.push(mesh(new THREE.CapsuleGeometry(0.068, 0.12, 6, 20), m.darkSole, [x, 0.02, 0.035], [Math.PI / 2, 0, 0], [1.02, 1, 0.32]));
            parts.push(mesh(new THREE.BoxGeometry(0.12, 0.04, 0.06), m.darkSole, [x, 0.02, -0.045]));
        } else if (d.shoes === "shoes") {
            // Sleek polished shoes: long and low, a thin sole and a small heel.
            parts.push(sphere(0.06, m.shoes, [x, 0.045, 0.045], [0.82, 0.62, 2.0]));
            parts.push(mesh(new THREE.CapsuleGeometry(0.052, 0.15, 6, 20), m.darkSole, [x, 0.012, 0.05], [Math.PI / 2, 0, 0], [0.96, 1, 0.22]));
            parts.push(mesh(new THREE.BoxGeometry(0.085, 0.035, 0.045), m.darkSole, [x, 0.018, -0.04]));
        } else {
            // Sandals: a flat sole with two straps over a bare foot.
            parts.push(sphere(0.055, m.skin, [x, 0.04, 0.045], [0.85, 0.55, 1.9]));
            for (let i = 0; i < 4; i++) {
                parts.push(sphere(0.013, m.skin, [x - 0.027 + i * 0.018, 0.032, 0.14 - Math.abs(i - 1.5) * 0.006], null, 10, 8));
            }
            parts.push(mesh(new THREE.CapsuleGeometry(0.062, 0.14, 6, 20), m.shoes, [x, 0.012, 0.045], [Math.PI / 2, 0, 0], [1, 1, 0.22]));
            parts.push(mesh(new THREE.TorusGeometry(0.052, 0.011, 8, 24, Math.PI), m.shoes, [x, 0.018, 0.085], null, [1, 0.85, 1]));
            parts.push(mesh(new THREE.TorusGeometry(0.052, 0.011, 8, 24, Math.PI), m.shoes, [x, 0.018, 0.0], null, [1, 1.05, 1]));
        }
    }
    return group(...parts);
}

function buildHead(m) {
    const parts = [sphere(1, m.skin, [0, 0, 0], [SKULL.x, SKULL.y, SKULL.z], 40, 28)];
    parts.push(sphere(0.022, m.skin, [0, -0.03, skullZ(0, -0.03) + 0.004], [0.85, 0.9, 0.9]));
    for (const side of [-1, 1]) {
        parts.push(sphere(0.03, m.skin, [side * 0.145, -0.012, -0.005], [0.55, 1.1, 0.85]));
        parts.push(sphere(0.024, m.cheek, [side * 0.085, -0.048, skullZ(side * 0.085, -0.048) - 0.009], [1, 0.7, 0.5]));
    }
    return group(...parts);
}

function buildEyes(d, m) {
    const shapes = {
        round: { x: 0.052, r: 0.027, s: [1, 1.05], iris: 0.017, tilt: 0 },
        almond: { x: 0.054, r: 0.027, s: [1.38, 0.7], iris: 0.016, tilt: 0.24, lash: true },
        narrow: { x: 0.054, r: 0.026, s: [1.4, 0.44], iris: 0.015, tilt: 0.03, lash: true },
        wide: { x: 0.059, r: 0.035, s: [1.06, 1.12], iris: 0.023, tilt: 0 },
    };
    const e = shapes[d.eyes] ?? shapes.round;
    const parts = [];
    const y = 0.0;
    for (const side of [-1, 1]) {
        const x = side * e.x;
        const z = skullZ(x, y) - 0.012;
        const eye = new THREE.Group();
        eye.position.set(x, y, z);
        eye.rotation.set(0, side * 0.32, side * -e.tilt);
        eye.add(sphere(e.r, m.eyeWhite, [0, 0, 0], [e.s[0], e.s[1], 0.55]));
        const flat = Math.min(1, e.s[1] * 1.2);
        eye.add(sphere(e.iris, m.iris, [0, 0, e.r * 0.5], [1, flat, 0.35], 20, 12));
        eye.add(sphere(e.iris * 0.5, m.pupil, [0, 0, e.r * 0.5 + e.iris * 0.15], [1, flat, 0.35], 16, 10));
        eye.add(sphere(e.iris * 0.28, m.highlight, [e.iris * 0.35, e.iris * 0.35 * flat, e.r * 0.5 + e.iris * 0.3], [1, 1, 0.3], 10, 8));
        if (e.lash) {
            // A dark upper lid line gives the shape.
            eye.add(mesh(new THREE.TorusGeometry(e.r, 0.0035, 6, 20, Math.PI), m.pupil, [0, 0, 0.004], null, [e.s[0] * 1.04, e.s[1] * 1.08, 1]));
        }
        parts.push(eye);
    }
    return group(...parts);
}

function buildBrows(d, m) {
    const parts = [];
    const y = 0.048;
    for (const side of [-1, 1]) {
        const x = side * 0.055;
        const z = skullZ(x, y) + 0.002;
        const brow = new THREE.Group();
        brow.position.set(x, y, z);
        brow.rotation.set(-0.2, side * 0.36, 0);
        if (d.brows === "straight") {
            brow.add(mesh(new THREE.CapsuleGeometry(0.0065, 0.045, 4, 10), m.brow, [0, 0, 0], [0, 0, Math.PI / 2 + side * 0.04], [1, 1, 0.6]));
        } else if (d.brows === "arched") {
            brow.add(mesh(new THREE.TorusGeometry(0.032, 0.0055, 6, 20, Math.PI * 0.62), m.brow, [0, -0.024, 0], [0, 0, Math.PI * 0.19], [1, 1, 0.6]));
        } else if (d.brows === "thick") {
            brow.add(mesh(new THREE.CapsuleGeometry(0.012, 0.044, 4, 10), m.brow, [0, 0.002, 0], [0, 0, Math.PI / 2 - side * 0.14], [1, 1, 0.6]));
        } else {
            brow.add(mesh(new THREE.CapsuleGeometry(0.0032, 0.042, 4, 8), m.brow, [0, 0.006, 0], [0, 0, Math.PI / 2 + side * 0.12], [1, 1, 0.6]));
        }
        parts.push(brow);
    }
    return group(...parts);
}

function buildMouth(d, m) {
    const y = -0.074;
    const g = new THREE.Group();
    g.position.set(0, y, skullZ(0, y) - 0.002);
    g.rotation.x = -0.5;
    if (d.mouth === "smile") {
        const arc = Math.PI * 0.62;
        g.add(mesh(new THREE.TorusGeometry(0.034, 0.0055, 8, 24, arc), m.lips, [0, 0.024, 0], [0, 0, Math.PI + (Math.PI - arc) / 2], [1, 1, 0.7]));
    } else if (d.mouth === "neutral") {
        g.add(mesh(new THREE.CapsuleGeometry(0.005, 0.034, 4, 8), m.lips, [0, 0, 0], [0, 0, Math.PI / 2], [1, 1, 0.7]));
    } else if (d.mouth === "grin") {
        // An open D-shaped smile with a row of teeth.
        g.add(mesh(new THREE.SphereGeometry(0.04, 28, 10, 0, Math.PI * 2, Math.PI / 2, Math.PI / 2), m.mouthInside, [0, 0.012, 0], [0, 0, 0], [1, 0.75, 0.35]));
        g.add(mesh(new THREE.BoxGeometry(0.062, 0.012, 0.01), m.teeth, [0, 0.006, 0.008]));
    } else {
        g.add(mesh(new THREE.TorusGeometry(0.015, 0.006, 10, 24), m.lips, [0, 0, 0.002], null, [1, 1.3, 0.7]));
        g.add(mesh(new THREE.CircleGeometry(0.015, 20), m.mouthInside, [0, 0, 0.001], null, [1, 1.3, 1]));
    }
    return g;
}

// Hair shells are spheres around the skull. A cap is tilted so its edge runs from a hairline on the forehead
// (frontDegrees above the eyes' level) to the nape (backDegrees); a side shell leaves the face open.
function cap(scale, frontDegrees, backDegrees, material) {
    const tilt = THREE.MathUtils.degToRad((frontDegrees - backDegrees) / 2);
    const thetaLength = THREE.MathUtils.degToRad(90 - (frontDegrees + backDegrees) / 2);
    // Tilted inside the scaled group, so the shell stays on the skull's ellipsoid and only its edge tilts.
    const shellGroup = group(mesh(new THREE.SphereGeometry(1, 36, 18, 0, Math.PI * 2, 0, thetaLength), material, null, [-tilt, 0, 0]));
    shellGroup.scale.set(SKULL.x * scale, SKULL.y * scale, SKULL.z * scale);
    return shellGroup;
}

function sides(scale, thetaLength, faceOpening, material, position = [0, 0, 0]) {
    // SphereGeometry's phi = pi/2 points at +z, the face.
    const geometry = new THREE.SphereGeometry(1, 36, 20, Math.PI / 2 + faceOpening, Math.PI * 2 - 2 * faceOpening, 0, thetaLength);
    return mesh(geometry, material, position, null, [SKULL.x * scale, SKULL.y * scale, SKULL.z * scale]);
}

// A merged cloud of small icosahedra (one draw call, no instancing shader).
function curls(points, radius) {
    const piece = new THREE.IcosahedronGeometry(radius, 1);
    const source = piece.getAttribute("position");
    const normals = piece.getAttribute("normal");
    const positions = new Float32Array(points.length * source.array.length);
    const normalArray = new Float32Array(points.length * source.array.length);
    points.forEach((p, i) => {
        for (let v = 0; v < source.count; v++) {
            const o = i * source.array.length + v * 3;
            positions[o] = source.getX(v) * p[3] + p[0];
            positions[o + 1] = source.getY(v) * p[3] + p[1];
            positions[o + 2] = source.getZ(v) * p[3] + p[2];
            normalArray[o] = normals.getX(v);
            normalArray[o + 1] = normals.getY(v);
            normalArray[o + 2] = normals.getZ(v);
        }
    });
    piece.dispose();
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute("normal", new THREE.BufferAttribute(normalArray, 3));
    return geometry;
}

function buildHair(d, m) {
    const hatted = d.headwear !== "none";
    const parts = [];
    switch (d.hair) {
        case "none":
            break;
        case "buzz":
            parts.push(cap(1.025, 34, -32, m.buzz));
            break;
        case "short":
            parts.push(cap(1.08, 32, -28, m.hair));
            parts.push(sides(1.065, Math.PI * 0.47, 1.2, m.hair));
            if (!hatted) {
                // A side-swept fringe.
                parts.push(sphere(0.07, m.hair, [0.03, 0.112, 0.088], [1.25, 0.38, 0.6]));
                parts.push(sphere(0.055, m.hair, [-0.055, 0.116, 0.078], [1.1, 0.36, 0.6]));
            }
            break;
        case "bob":
            parts.push(sides(1.12, Math.PI * 0.74, 0.78, m.hair, [0, -0.005, -0.004]));
            parts.push(cap(1.1, 40, -20, m.hair));
            // A straight fringe.
            parts.push(mesh(new THREE.CylinderGeometry(SKULL.x * 1.08, SKULL.x * 1.1, 0.05, 32, 1, true, -0.9, 1.8), m.hair, [0, 0.085, 0], null, [1, 1, SKULL.z / SKULL.x * 1.04]));
            break;
        case "long":
            parts.push(cap(1.1, 36, -10, m.hair));
            parts.push(sides(1.1, Math.PI * 0.6, 0.95, m.hair));
            // Hair falling past the shoulders on both sides and down the back (CylinderGeometry's theta 0 is +z).
            parts.push(mesh(new THREE.CylinderGeometry(SKULL.x * 1.1, SKULL.x * 1.32, 0.34, 36, 1, true, 0.95, Math.PI * 2 - 1.9), m.hair, [0, -0.17, -0.012], null, [1, 1, 0.92]));
            break;
        case "ponytail": {
            parts.push(cap(1.06, 32, -25, m.hair));
            parts.push(sides(1.05, Math.PI * 0.5, 1.2, m.hair));
            // A high ponytail, swinging a little to the side so it shows from the front.
            const tail = new THREE.Group();
            tail.position.set(0.03, 0.08, -0.13);
            tail.rotation.set(-0.3, 0, 0.32);
            tail.add(mesh(new THREE.TorusGeometry(0.026, 0.01, 8, 16), m.tie, [0, 0, 0], [Math.PI / 2, 0, 0]));
            tail.add(mesh(lathe([[0.03, 0.01], [0.052, -0.07], [0.046, -0.24], [0.012, -0.38]], 20), m.hair));
            parts.push(tail);
            break;
        }
        case "bun":
            parts.push(cap(1.06, 32, -25, m.hair));
            parts.push(sides(1.05, Math.PI * 0.5, 1.2, m.hair));
            if (hatted) {
                parts.push(sphere(0.058, m.hair, [0, -0.05, -SKULL.z * 1.05]));
            } else {
                parts.push(sphere(0.072, m.hair, [0, SKULL.y * 1.0, -0.04]));
                parts.push(mesh(new THREE.TorusGeometry(0.047, 0.011, 8, 20), m.tie, [0, SKULL.y * 0.9, -0.034], [Math.PI / 2 + 0.3, 0, 0]));
            }
            break;
        case "curly": {
            // A cloud of curls on a sphere around the head, leaving the face free.
            parts.push(cap(1.06, 30, -20, m.hair));
            const spots = [];
            const count = 150;
            for (let i = 0; i < count; i++) {
                const y = 1 - (i + 0.5) / count * 2;
                const r = Math.sqrt(1 - y * y);
                const phi = i * 2.399963;
                const px = Math.cos(phi) * r;
                const pz = Math.sin(phi) * r;
                if (y < -0.25) continue;
                if (pz > 0.3 && y < 0.5) continue;
                if (hatted && y > 0.25) continue;
                const size = 0.034 + 0.008 * ((i * 7) % 5) / 4;
                spots.push([px * SKULL.x * 1.16, y * SKULL.y * 1.1 + 0.012, pz * SKULL.z * 1.16 - 0.01, size / 0.04]);
            }
            parts.push(new THREE.Mesh(curls(spots, 0.04), m.hair));
            break;
        }
    }
    return group(...parts);
}

function buildGlasses(d, m) {
    if (d.glasses === "none") return group();
    const parts = [];
    const y = 0.0;
    const z = skullZ(0.05, y) + 0.02;
    const sun = d.glasses === "sunglasses";
    const radius = sun ? 0.036 : 0.032;
    for (const side of [-1, 1]) {
        const x = side * 0.058;
        if (d.glasses === "round") {
            parts.push(mesh(new THREE.TorusGeometry(radius, 0.0045, 8, 32), m.frame, [x, y, z]));
        } else if (d.glasses === "square") {
            // A four-sided torus turned 45 degrees is a square frame; the group then stretches it to a rectangle.
            const frame = group(mesh(new THREE.TorusGeometry(radius * 1.3, 0.0065, 6, 4), m.frame, null, [0, 0, Math.PI / 4]));
            frame.position.set(x, y, z);
            frame.scale.set(1.12, 0.8, 1);
            parts.push(frame);
        } else {
            parts.push(mesh(new THREE.CircleGeometry(radius * 1.05, 32), m.sunLens, [x, y - 0.004, z + 0.002], null, [1.2, 0.9, 1]));
            parts.push(mesh(new THREE.TorusGeometry(radius * 1.05, 0.004, 8, 32), m.frame, [x, y - 0.004, z + 0.002], null, [1.2, 0.9, 1]));
        }
        // The temple arm back to the ear.
        const outer = side * (0.058 + radius * (sun ? 1.25 : 1.1));
        parts.push(segment([outer, y + 0.005, z - 0.004], [side * 0.148, y + 0.005, -0.02], 0.004, 0.004, m.frame, 6));
    }
    parts.push(segment([-0.058 + radius * (sun ? 1.2 : 1.0), y + 0.008, z], [0.058 - radius * (sun ? 1.2 : 1.0), y + 0.008, z], 0.004, 0.004, m.frame, 6));
    return group(...parts);
}

function buildHeadwear(d, m) {
    const parts = [];
    if (d.headwear === "cap") {
        parts.push(cap(1.13, 20, -8, m.headwear));
        // The peak points forward and a little down, so its top shows from the front.
        parts.push(mesh(new THREE.CylinderGeometry(0.16, 0.16, 0.012, 32, 1, false, -Math.PI / 2, Math.PI), m.headwearShade, [0, 0.07, 0.1], [0.26, 0, 0], [0.88, 1, 1.05]));
        parts.push(sphere(0.013, m.headwearShade, [0, SKULL.y * 1.13 + 0.005, -0.035], [1, 0.6, 1], 12, 8));
    } else if (d.headwear === "beanie") {
        parts.push(mesh(new THREE.SphereGeometry(1, 36, 18, 0, Math.PI * 2, 0, Math.PI / 2), m.headwear, [0, 0.04, 0], [-0.15, 0, 0], [SKULL.x * 1.13, SKULL.y * 1.25, SKULL.z * 1.13]));
        // The folded cuff.
        parts.push(mesh(new THREE.CylinderGeometry(1, 1, 1, 40, 1, true), m.headwearShade, [0, 0.045, 0.0], [-0.15, 0, 0], [SKULL.x * 1.16, 0.065, SKULL.z * 1.16]));
        parts.push(mesh(new THREE.IcosahedronGeometry(0.042, 2), m.pompom, [0, SKULL.y * 1.25 + 0.07, -0.03]));
    } else if (d.headwear === "hat") {
        parts.push(mesh(lathe([[0.15, 0], [0.148, 0.08], [0.13, 0.135], [0.08, 0.148]], 36), m.headwear, [0, 0.065, -0.005], [-0.1, 0, 0], [1.04, 1, 1]));
        parts.push(mesh(new THREE.CylinderGeometry(0.25, 0.25, 0.012, 48), m.headwear, [0, 0.07, -0.005], [-0.1, 0, 0]));
        parts.push(mesh(new THREE.CylinderGeometry(0.157, 0.157, 0.03, 36, 1, true), m.band, [0, 0.09, -0.007], [-0.1, 0, 0], [1.04, 1, 1]));
    }
    return group(...parts);
}

function shadowTexture() {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    const context = canvas.getContext("2d");
    const gradient = context.createRadialGradient(32, 32, 0, 32, 32, 32);
    gradient.addColorStop(0, "rgba(0,0,0,0.32)");
    gradient.addColorStop(1, "rgba(0,0,0,0)");
    context.fillStyle = gradient;
    context.fillRect(0, 0, 64, 64);
    return new THREE.CanvasTexture(canvas);
}

function createMaterials() {
    // Matte Lambert materials suit the stylised look, and their shader compiles about three times faster than
    // MeshStandardMaterial's in a software renderer (SwiftShader), which is most of the first frame's time. Every
    // material is opaque and double-sided (open shells such as hair and skirts need it), so one shader program serves
    // them all (a transparent double-sided material would add two, as three draws it in two passes).
    const matte = (extra = {}) => new THREE.MeshLambertMaterial({ side: THREE.DoubleSide, ...extra });
    const fixed = color => matte({ color });
    return {
        skin: matte(), cheek: matte(),
        eyeWhite: fixed("#fbfbf8"), iris: matte(), pupil: fixed("#111111"),
        highlight: matte({ color: "#ffffff", emissive: "#ffffff" }),
        brow: matte(), lips: fixed("#8a3b3b"), mouthInside: fixed("#5a1f24"), teeth: fixed("#ffffff"),
        hair: matte(), buzz: matte(), tie: fixed("#2b2b2b"),
        top: matte(), topShade: matte(), topLight: matte(), buttons: fixed("#f4f4f0"),
        strings: fixed("#f4f4f0"), undershirt: fixed("#f4f4f2"),
        bottom: matte(), bottomShade: matte(), bottomLight: matte(),
        belt: fixed("#4a2e1c"), buckle: fixed("#c9b26b"),
        shoes: matte(), shoesShade: matte(), sole: matte(), darkSole: fixed("#2a2522"),
        laces: matte(),
        headwear: matte(), headwearShade: matte(), pompom: matte(), band: fixed("#222222"),
        frame: fixed("#1d1d1f"), sunLens: matte({ color: "#101418", emissive: "#0c1620" }),
    };
}

// Colours are applied on every update (cheap); only shapes are rebuilt.
function paint(m, c) {
    const isLight = hex => new THREE.Color(hex).getHSL({ h: 0, s: 0, l: 0 }).l > 0.75;
    m.skin.color.set(c.skin);
    m.cheek.color.set(c.skin).lerp(new THREE.Color("#e06666"), 0.3);
    m.iris.color.set(c.eye);
    m.hair.color.set(c.hair);
    m.brow.color.copy(shade(c.hair, 0.8));
    m.buzz.color.set(c.hair).lerp(new THREE.Color(c.skin), 0.18);
    m.top.color.set(c.top);
    m.topShade.color.copy(shade(c.top, 0.72));
    m.topLight.color.set(c.top).lerp(new THREE.Color("#ffffff"), 0.35);
    m.bottom.color.set(c.bottom);
    m.bottomShade.color.copy(shade(c.bottom, 0.7));
    m.bottomLight.color.set(c.bottom).lerp(new THREE.Color("#ffffff"), 0.4);
    m.shoes.color.set(c.shoes);
    m.shoesShade.color.copy(shade(c.shoes, 0.7));
    m.sole.color.set(isLight(c.shoes) ? "#b9bcc0" : "#f4f4f2");
    m.laces.color.set(isLight(c.shoes) ? "#9aa0a6" : "#f4f4f2");
    m.headwear.color.set(c.headwear);
    m.headwearShade.color.copy(shade(c.headwear, 0.72));
    m.pompom.color.set(c.headwear).lerp(new THREE.Color("#ffffff"), 0.45);
}

// Each part: the values it depends on (rebuilt only when they change) and where it hangs (body or head).
const PARTS = {
    skinBody: { key: d => [d.height, d.build], build: buildSkinBody, on: "body" },
    top: { key: d => [d.height, d.build, d.top], build: buildTop, on: "body" },
    bottom: { key: d => [d.height, d.build, d.bottom, d.shoes === "boots", d.top === "tshirt" || d.top === "shirt"], build: buildBottom, on: "body" },
    shoes: { key: d => [d.build, d.shoes], build: buildShoes, on: "body" },
    head: { key: () => [], build: (d, m) => buildHead(m), on: "head" },
    eyes: { key: d => [d.eyes], build: buildEyes, on: "head" },
    brows: { key: d => [d.brows], build: buildBrows, on: "head" },
    mouth: { key: d => [d.mouth], build: buildMouth, on: "head" },
    hair: { key: d => [d.hair, d.headwear !== "none"], build: buildHair, on: "head" },
    glasses: { key: d => [d.glasses], build: buildGlasses, on: "head" },
    headwear: { key: d => [d.headwear], build: buildHeadwear, on: "head" },
};

function disposeGeometries(object) {
    object.traverse(child => {
        if (child.geometry) child.geometry.dispose();
    });
}

function defaultDocument(fields) {
    const doc = {};
    for (const [path, field] of fields) {
        const [group, key] = path.split(".");
        doc[group] ??= {};
        doc[group][key] = field.kind === "Range" ? Number(field.default) : field.default;
    }
    return doc;
}

// Camera framing, in world units, for a character whose feet are at y = 0.
function fullBodyFrame() {
    // The top of the tallest character's hat: the neck, then the head's centre and the hat above it.
    const top = (0.8 + 0.5) * MAX_HEIGHT_FACTOR + 0.075 + (0.125 + 0.25) * HEAD_SCALE;
    return { centreY: top / 2 - 0.03, halfHeight: top / 2 + 0.06, halfWidth: 0.4 };
}

// The canvas' laid-out size in device pixels (at most two per CSS pixel); its attributes until it is laid out.
function stageSize(canvas) {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    return {
        width: canvas.clientWidth ? Math.max(1, Math.round(canvas.clientWidth * ratio)) : canvas.width,
        height: canvas.clientHeight ? Math.max(1, Math.round(canvas.clientHeight * ratio)) : canvas.height,
    };
}

export function createCharacterView(canvas, options = {}) {
    const fields = readCatalogue(options.catalogue);
    if (fields.size === 0) throw new Error("createCharacterView needs options.catalogue (the avatar character catalogue).");
    // The drawing buffer gets its final size before the context exists: resizing it afterwards takes ~80 ms on a CPU
    // renderer (SwiftShader), which the first frame would wait for. three then works in device pixels (ratio 1).
    const initial = stageSize(canvas);
    canvas.width = initial.width;
    canvas.height = initial.height;
    const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, alpha: false, powerPreference: "low-power" });
    renderer.outputColorSpace = THREE.SRGBColorSpace;
    renderer.toneMapping = THREE.NeutralToneMapping;

    const scene = new THREE.Scene();
    scene.background = new THREE.Color(BACKGROUND);
    scene.add(new THREE.HemisphereLight("#ffffff", "#cbbfb3", 1.7));
    const key = new THREE.DirectionalLight("#fff6ec", 2.2);
    key.position.set(1.2, 2.6, 2.4);
    scene.add(key);
    const fill = new THREE.DirectionalLight("#e8f0ff", 0.9);
    fill.position.set(-2.2, 1.4, 1.2);
    scene.add(fill);
    const rim = new THREE.DirectionalLight("#ffffff", 0.8);
    rim.position.set(0, 2.2, -2.5);
    scene.add(rim);

    const character = new THREE.Group();
    const body = new THREE.Group();
    const head = new THREE.Group();
    character.add(body, head);
    scene.add(character);
    const shadowMap = shadowTexture();
    const shadowMaterial = new THREE.MeshBasicMaterial({ map: shadowMap, transparent: true, depthWrite: false });
    const shadow = mesh(new THREE.PlaneGeometry(0.9, 0.9), shadowMaterial, [0, 0.001, 0.02], [-Math.PI / 2, 0, 0]);
    scene.add(shadow);

    const materials = createMaterials();
    const built = new Map(); // part name → { key, object }
    const camera = new THREE.PerspectiveCamera(28, 1, 0.05, 20);
    let yaw = 0;
    let pitch = 0.06;
    let doc = defaultDocument(fields);
    let resolved = null;
    let dirty = true;
    let frameRequest = 0;
    let disposed = false;
    let resolveFirstFrame;
    const firstFrame = new Promise(resolve => { resolveFirstFrame = resolve; });
    let firstFrameDone = false;

    function applyDocument() {
        if (!dirty) return;
        dirty = false;
        const d = resolve(fields, doc);
        resolved = d;
        paint(materials, d.colours);
        for (const [name, part] of Object.entries(PARTS)) {
            const partKey = JSON.stringify(part.key(d));
            const current = built.get(name);
            if (current && current.key === partKey) continue;
            if (current) {
                current.object.removeFromParent();
                disposeGeometries(current.object);
            }
            const object = part.build(d, materials);
            (part.on === "head" ? head : body).add(object);
            built.set(name, { key: partKey, object });
        }
        head.position.set(0, d.headY, 0.008);
        head.scale.setScalar(HEAD_SCALE);
        head.rotation.x = 0.04;
    }

    function aimMainCamera() {
        const frame = fullBodyFrame();
        const aspect = camera.aspect;
        const halfFov = THREE.MathUtils.degToRad(camera.fov / 2);
        // A little margin, so the feet and head stay in view when the camera tilts.
        const distance = Math.max(frame.halfHeight, frame.halfWidth / aspect) / Math.tan(halfFov) * 1.08;
        camera.position.set(0, frame.centreY + Math.sin(pitch) * distance, Math.cos(pitch) * distance);
        camera.lookAt(0, frame.centreY, 0);
    }

    function draw() {
        if (!firstFrameDone) performance.mark("avatar:frame-start");
        applyDocument();
        character.rotation.y = yaw;
        aimMainCamera();
        if (!firstFrameDone) performance.mark("avatar:scene-built");
        renderer.render(scene, camera);
        if (!firstFrameDone) {
            firstFrameDone = true;
            resolveFirstFrame(performance.now());
        }
    }

    function requestRender() {
        if (disposed || frameRequest) return;
        frameRequest = requestAnimationFrame(() => {
            frameRequest = 0;
            if (!disposed) draw();
        });
    }

    function resize() {
        const { width, height } = stageSize(canvas);
        if (width !== canvas.width || height !== canvas.height) renderer.setSize(width, height, false);
        camera.aspect = width / height;
        camera.updateProjectionMatrix();
        requestRender();
    }

    // Renders one still image from the front with its own camera and size, then restores the view.
    function still(width, height, aimCamera) {
        if (disposed) return Promise.reject(new Error("The character view is disposed."));
        applyDocument();
        const size = renderer.getSize(new THREE.Vector2());
        const stillCamera = new THREE.PerspectiveCamera(24, width / height, 0.05, 20);
        aimCamera(stillCamera, resolved);
        character.rotation.y = 0;
        renderer.setSize(width, height, false);
        renderer.render(scene, stillCamera);
        // The drawing buffer is read in the same task as the render, so preserveDrawingBuffer is not needed.
        const blob = new Promise((resolveBlob, reject) => {
            canvas.toBlob(b => (b ? resolveBlob(b) : reject(new Error("The image could not be created."))), "image/png");
        });
        renderer.setSize(size.x, size.y, false);
        draw();
        return blob;
    }

    // The browser may drop the context (GPU reset, too many contexts); three restores its state, we draw again.
    const onContextRestored = () => requestRender();
    canvas.addEventListener("webglcontextrestored", onContextRestored);

    const view = {
        update(next) {
            doc = next ?? defaultDocument(fields);
            dirty = true;
            requestRender();
        },
        rotateBy(yawRadians, pitchRadians = 0) {
            yaw = (yaw + (Number(yawRadians) || 0)) % (Math.PI * 2);
            pitch = Math.min(PITCH_LIMIT, Math.max(-PITCH_LIMIT, pitch + (Number(pitchRadians) || 0)));
            requestRender();
        },
        resize,
        renderPortrait(size = 512) {
            return still(size, size, (cam, d) => {
                // Head and shoulders, straight on.
                const centreY = d.headY - 0.05;
                const halfHeight = 0.335;
                const distance = halfHeight / Math.tan(THREE.MathUtils.degToRad(cam.fov / 2));
                cam.position.set(0, centreY + 0.03, distance);
                cam.lookAt(0, centreY, 0);
            });
        },
        renderFullBody(width = 512, height = 768) {
            return still(width, height, cam => {
                const frame = fullBodyFrame();
                const halfFov = THREE.MathUtils.degToRad(cam.fov / 2);
                const distance = Math.max(frame.halfHeight, frame.halfWidth / cam.aspect) / Math.tan(halfFov);
                cam.position.set(0, frame.centreY + 0.05, distance);
                cam.lookAt(0, frame.centreY, 0);
            });
        },
        firstFrame,
        dispose() {
            if (disposed) return;
            disposed = true;
            if (frameRequest) cancelAnimationFrame(frameRequest);
            canvas.removeEventListener("webglcontextrestored", onContextRestored);
            for (const { object } of built.values()) disposeGeometries(object);
            built.clear();
            shadow.geometry.dispose();
            shadowMaterial.dispose();
            shadowMap.dispose();
            for (const material of Object.values(materials)) material.dispose();
            renderer.dispose();
        },
    };
    resize();
    return view;
}
