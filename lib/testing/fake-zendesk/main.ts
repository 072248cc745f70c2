// Runs the fake Zendesk on its own, for trying the product or browser tests without a real account:
//   npx tsx lib/testing/fake-zendesk/main.ts [--port 4010] [--tickets 500] [--seed 1]
// then `npm run cli -- desk add --domain http://127.0.0.1:4010 --email agent@example.com --token fake-token-0123456789`.
import { parseArgs } from "node:util";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4010" }, tickets: { type: "string", default: "500" }, seed: { type: "string", default: "1" } },
});
const fake = await FakeZendesk.start({ port: Number(values.port), tickets: Number(values.tickets), seed: Number(values.seed) });
console.log(`Fake Zendesk on ${fake.url} (email ${fake.email}, token ${fake.token}); Ctrl-C to stop`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
