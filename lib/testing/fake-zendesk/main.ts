// Runs the fake Zendesk on its own, for trying the product or browser tests without a real account:
//   npx tsx lib/testing/fake-zendesk/main.ts [--port 4010] [--tickets 500] [--seed 1]
//     [--offset-pagination] [--max-page-size 100] [--link-origin https://acme.zendesk.com] [--gzip]
//     [--throttle-every 5 --retry-after 1.5]
// then `npm run cli -- desk add --domain http://127.0.0.1:4010 --email agent@example.com --token fake-token-0123456789`.
import { parseArgs } from "node:util";
import { FakeZendesk, type FakeVariant } from "@/lib/testing/fake-zendesk/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    tickets: { type: "string", default: "500" },
    seed: { type: "string", default: "1" },
    "offset-pagination": { type: "boolean", default: false },
    "max-page-size": { type: "string" },
    "link-origin": { type: "string" },
    gzip: { type: "boolean", default: false },
    "throttle-every": { type: "string" },
    "retry-after": { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`Usage: tsx lib/testing/fake-zendesk/main.ts [options]
  --port <n>             port on 127.0.0.1 (4010)
  --tickets <n>          tickets in the account (500)
  --seed <n>             seed of the generated account (1)
  --offset-pagination    list endpoints ignore page[size] and answer with next_page
  --max-page-size <n>    list endpoints return at most n items a page (100)
  --link-origin <url>    absolute links (after_url, next_page, links.next) on this origin
  --gzip                 gzip bodies when the client accepts it
  --throttle-every <n>   answer every n-th request 429 with --retry-after <seconds> (1)`);
  process.exit(0);
}
const variant: FakeVariant = {
  offsetPagination: values["offset-pagination"],
  maxPageSize: values["max-page-size"] ? Number(values["max-page-size"]) : undefined,
  linkOrigin: values["link-origin"],
  gzip: values.gzip,
  throttleEvery: values["throttle-every"] ? { n: Number(values["throttle-every"]), retryAfterSeconds: Number(values["retry-after"]) } : undefined,
};
const fake = await FakeZendesk.start({ port: Number(values.port), tickets: Number(values.tickets), seed: Number(values.seed), variant });
console.log(`Fake Zendesk on ${fake.url} (email ${fake.email}, token ${fake.token}); Ctrl-C to stop`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
