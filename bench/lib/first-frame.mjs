// Times the avatar creator's first frame in headless Chromium over the DevTools protocol (a pipe, no npm package):
//   node first-frame.mjs <page url> <cookie header> <rounds> <profile dir>
// Each round opens the page in a new tab and waits for html[data-avatar-first-frame-ms], which avatar-creator.js sets
// to performance.now() of the first rendered frame, i.e. milliseconds since the navigation started. A "cold" round
// clears the browser's HTTP cache first; a "warm" round follows a load of the same page. Prints one JSON line.
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
chromium.stdio[4].on("data", chunk => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
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

try {
    const origin = new URL(url).origin;
    const cookies = cookieHeader.split("; ").map(pair => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
    });
    const cold = [], warm = [];
    for (let round = 0; round < rounds; round++) {
        const tab = await openTab();
        if (round === 0) await send("Network.setCookies", { cookies }, tab.sessionId);
        await send("Network.clearBrowserCache", {}, tab.sessionId);
        cold.push(await firstFrame(tab));
        warm.push(await firstFrame(tab));
        await send("Target.closeTarget", { targetId: tab.targetId });
    }
    console.log(JSON.stringify({ cold, warm }));
} finally {
    chromium.kill("SIGTERM");
}
