// Ticket and comment text with the statistics of real support mail: a Zipf vocabulary (a few words
// everywhere, most words rare), several scripts and accents, emoji, and error codes that make a
// needle-in-a-haystack search possible.
import { intBetween, mulberry32, Zipf, type Rng } from "@/lib/bench/random";

// Ordered roughly by frequency: the rank of a word sets how many tickets contain it.
const COMMON = (
  "the to and a of i is in it you for that on this we with my not be have can please are was as but an " +
  "your our from at if or do there when thanks will so me all no us get would after any just could still " +
  "account ticket help order problem issue error again since today team update support email login new " +
  "working page hello payment customer app time back need data phone set user sent send invoice see know " +
  "password reset access screen file number change last week shows open version using click message " +
  "attached report refund subscription address first delivery product mobile browser note following " +
  "contact request service settings already sync server connection billing month reply plan working " +
  "response days price card question best regards available upgrade install download export import " +
  "failed error slow missing wrong duplicate cancelled pending shipped returned charged twice locked " +
  "expired broken blank crash timeout network firewall proxy certificate token integration webhook " +
  "calendar contacts notifications search sharing permissions admin console license seats renewal " +
  "contract discount coupon receipt tax vat shipping tracking package warehouse courier damaged " +
  "replacement warranty manual documentation tutorial feedback feature suggestion roadmap release " +
  "outage maintenance incident status dashboard analytics chart spreadsheet csv pdf attachment " +
  "screenshot video microphone camera bluetooth printer scanner keyboard monitor laptop tablet android " +
  "iphone windows macos linux chrome firefox safari edge router wifi vpn"
).split(" ");

const INTERNATIONAL = [
  "Café", "naïve", "Straße", "Größe", "Rechnung", "Lieferung", "Kündigung", "façade", "résumé", "reçu", "problème", "commande",
  "facture", "remboursement", "señor", "pedido", "envío", "año", "contraseña", "cuenta", "ação", "não", "obrigado", "grazie",
  "ordine", "fattura", "dziękuję", "zamówienie", "Ελληνικά", "λογαριασμός", "шрифт", "заказ", "счёт", "пароль", "日本語",
  "注文", "請求書", "パスワード", "訂單", "退款", "주문", "환불", "emoji 🚀", "✅", "🙏", "😡", "📦", "⚠️",
];

const SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "ze", "pa", "du", "fi", "gö", "hu", "jé", "bå", "xy", "qu", "wi", "or"];

/** Synthetic rare words after the real ones: real text has a long tail of words seen once in a while. */
function vocabulary(): string[] {
  const words = [...new Set(COMMON)];
  INTERNATIONAL.forEach((word, i) => words.splice(60 + i * 9, 0, word));
  const rnd = mulberry32(7);
  const seen = new Set(words);
  while (words.length < 4000) {
    const word = Array.from({ length: intBetween(rnd, 2, 4) }, () => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]).join("");
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

const WORDS: readonly string[] = vocabulary();
const wordZipf = new Zipf(WORDS.length, 1);

function sentence(rnd: Rng): string {
  const words = Array.from({ length: intBetween(rnd, 6, 14) }, () => WORDS[wordZipf.index(rnd)]!);
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}${rnd() < 0.15 ? "?" : "."}`;
}

export const sentences = (rnd: Rng, min: number, max: number) => Array.from({ length: intBetween(rnd, min, max) }, () => sentence(rnd));

/** One in 20 descriptions and one in 50 comments quote an error code: `ERR` and five digits, 50,000 of them. */
const ERROR_CODES = 50_000;
export const errorCode = (n: number) => `ERR${String(n).padStart(5, "0")}`;
export const maybeErrorCode = (rnd: Rng, share: number) => (rnd() < share ? ` Error code ${errorCode(Math.floor(rnd() * ERROR_CODES))}.` : "");

const SUBJECT_STARTS = ["Cannot", "Problem with", "Question about", "Urgent:", "Re:", "Fwd:", "Help with", "Frage zu", "Problème avec", "Consulta sobre", "質問:", "Вопрос:"];

export function subject(rnd: Rng): string {
  const words = Array.from({ length: intBetween(rnd, 3, 7) }, () => WORDS[wordZipf.index(rnd)]!);
  return `${SUBJECT_STARTS[Math.floor(rnd() * SUBJECT_STARTS.length)]} ${words.join(" ")}`;
}

/** The "Summary" text field: agents pick from habits, so a few summaries are very common. */
export const SUMMARIES: readonly string[] = (() => {
  const rnd = mulberry32(11);
  const base = ["Password reset 🔑", "Refund issued", "Duplicate charge", "Login loop", "Sync stuck", "Export failed", "Shipping delay", "Wrong invoice address", "Feature request logged", "Bug reproduced"];
  const list = [...base];
  while (list.length < 400) list.push(`${base[list.length % base.length]} – ${WORDS[50 + Math.floor(rnd() * 600)]}`);
  return list;
})();
const summaryZipf = new Zipf(SUMMARIES.length, 1);
export const summary = (rnd: Rng) => SUMMARIES[summaryZipf.index(rnd)]!;
