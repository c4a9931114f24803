'use strict';
// SMTP server for the email integration tests (SmtpDeliveryTests.cs): listens on 127.0.0.1 at a free port, prints
// "listening <port>" when ready and stores each message it accepts as <n>.json in the folder given by --dir:
// { "mailFrom", "rcptTo": [...], "user" (the AUTH user or null), "raw" (the message as received) }.
// With --user and --password it requires AUTH (PLAIN or LOGIN) and refuses other credentials; without them it has no
// AUTH. With --refuse-domain it answers 550 to every recipient at that domain (a mailbox that does not exist).
// STARTTLS is never offered. Stops on SIGTERM or SIGINT, or when the process that started it is gone.
//   node server.js --dir <folder> [--user <name> --password <secret>] [--refuse-domain <domain>]
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { SMTPServer } = require('smtp-server');

const { values: args } = parseArgs({
  options: { dir: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' }, 'refuse-domain': { type: 'string' } },
});
if (!args.dir) {
  console.error('usage: node server.js --dir <folder> [--user <name> --password <secret>] [--refuse-domain <domain>]');
  process.exit(2);
}
fs.mkdirSync(args.dir, { recursive: true });
const requireAuth = args.user !== undefined;
const refusedSuffix = args['refuse-domain'] === undefined ? undefined : `@${args['refuse-domain'].toLowerCase()}`;
let received = 0;

const server = new SMTPServer({
  logger: false,
  disabledCommands: requireAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
  authOptional: !requireAuth,
  // Plain-text AUTH is acceptable here only because the server listens on loopback for a test.
  allowInsecureAuth: true,
  onAuth(auth, session, callback) {
    if (auth.username === args.user && auth.password === args.password) {
      callback(null, { user: auth.username });
    } else {
      callback(new Error('Invalid username or password'));
    }
  },
  onRcptTo(address, session, callback) {
    if (refusedSuffix !== undefined && address.address.toLowerCase().endsWith(refusedSuffix)) {
      const refused = new Error('Mailbox unavailable');
      refused.responseCode = 550;
      callback(refused);
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const name = String(++received).padStart(4, '0');
      const message = {
        mailFrom: session.envelope.mailFrom.address,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
        user: session.user ?? null,
        raw: Buffer.concat(chunks).toString('utf8'),
      };
      // Written under another name, then renamed: the test never reads half a message.
      const partial = path.join(args.dir, `${name}.tmp`);
      fs.writeFileSync(partial, JSON.stringify(message));
      fs.renameSync(partial, path.join(args.dir, `${name}.json`));
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.server.address().port}`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// A test host that dies (crash, kill -9) cannot stop the server: the server notices it was re-parented and stops.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 500).unref();
