// Times the avatar creator's first frame in headless Chromium over the DevTools protocol (a pipe, no npm package):
//   node first-frame.mjs <page url> <cookie header> <rounds> <profile dir>
// Each round opens the page in a new tab and waits for html[data-avatar-first-frame-ms], which avatar-creator.js sets
// to performance.now() of the first rendered frame, i.e. milliseconds since the navigation started. A "cold" round
// clears the browser's HTTP cache first; a "warm" round follows a load of the same page. Before the rounds the browser
// loads the avatar page once, so no round times Chromium's own start. Prints one JSON line.
import { spawn } from "node:child_process";

const [url, cookieHeader, roundsText, profile] = process.argv.slice(2);
const rounds = Number(roundsText);
// The flags the browser tests use (tests/ProfilePortal.BrowserTests/Infrastructure/Chromium.cs): WebGL 2 then runs on
// SwiftShader, the CPU renderer, as on this machine without a GPU.
const chromium = spawn("/usr/bin/chromium", [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--remote-debugging-pipe", `--user-data-dir=${profile}`,
    "--window-size=1280,900", "about:blank",
], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });

let nextId = 1, buffer = "";
const pending = new Map();
const loadWaiters = [];
chromium.stdio[4].on("data", chunk => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        if (message.method === "Page.loadEventFired") loadWaiters.splice(0).forEach(resolve => resolve());
        const waiter = pending.get(message.id);
        if (!waiter) continue;
        pending.delete(message.id);
        if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
        else waiter.resolve(message.result);
    }
});
function send(method, params = {}, sessionId = undefined) {
    const id = nextId++;
    chromium.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function openTab() {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    await send("Network.enable", {}, sessionId);
    return { targetId, sessionId };
}

async function firstFrame(tab) {
    await send("Page.navigate", { url }, tab.sessionId);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const { result } = await send("Runtime.evaluate", { expression: "document.documentElement.dataset.avatarFirstFrameMs ?? ''", returnByValue: true }, tab.sessionId);
        if (result.value) return Number(result.value);
        await sleep(10);
    }
    const { result } = await send("Runtime.evaluate", { expression: "location.href + ' ' + document.title", returnByValue: true }, tab.sessionId);
    throw new Error(`no first frame within 30 s (${result.value})`);
}

// With FIRST_FRAME_DETAIL=1, where the time went: the page's and each script's response end, and the performance
// marks avatar-character.js sets (ms since the navigation started), one line per load on stderr.
const detailExpression = `JSON.stringify({
    html: Math.round(performance.getEntriesByType("navigation")[0].responseEnd),
    domContentLoaded: Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd),
    scripts: Object.fromEntries(performance.getEntriesByType("resource").filter(e => e.name.endsWith(".js") || e.name.includes(".js?"))
        .map(e => [new URL(e.name).pathname.split("/").pop(), Math.round(e.responseEnd)])),
    firstFrame: Number(document.documentElement.dataset.avatarFirstFrameMs),
    marks: Object.fromEntries(performance.getEntriesByType("mark").map(e => [e.name, Math.round(e.startTime)])),
})`;
async function reportDetail(tab, label) {
    if (process.env.FIRST_FRAME_DETAIL !== "1") return;
    const { result } = await send("Runtime.evaluate", { expression: detailExpression, returnByValue: true }, tab.sessionId);
    console.error(label, result.value);
}

try {
    const origin = new URL(url).origin;
    const cookies = cookieHeader.split("; ").map(pair => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
    });
    // The browser is started first, as a person's browser is: one load of the avatar page, where the creator is linked
    // from (no three.js, no WebGL). Without it the first round would also time Chromium's own start.
    const start = await openTab();
    await send("Network.setCookies", { cookies }, start.sessionId);
    await send("Page.enable", {}, start.sessionId);
    const loaded = new Promise(resolve => { loadWaiters.push(resolve); });
    await send("Page.navigate", { url: new URL("/Settings/Avatar", origin).href }, start.sessionId);
    await loaded;
    await send("Target.closeTarget", { targetId: start.targetId });

    const cold = [], warm = [];
    for (let round = 0; round < rounds; round++) {
        const tab = await openTab();
        await send("Network.clearBrowserCache", {}, tab.sessionId);
        // The browser deletes its cache files after answering; a load meanwhile would wait for that disk work
        // (~150 ms more on this 2-core machine), which no person's page load has.
        await sleep(1000);
        cold.push(await firstFrame(tab));
        await reportDetail(tab, "cold");
        warm.push(await firstFrame(tab));
        await reportDetail(tab, "warm");
        await send("Target.closeTarget", { targetId: tab.targetId });
    }
    console.log(JSON.stringify({ cold, warm }));
} finally {
    chromium.kill("SIGTERM");
}
