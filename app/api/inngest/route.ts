import { context } from "@/lib/context";
import { inngestEndpoint } from "@/lib/desks/inngest-endpoint";

export const GET = (request: Request) => inngestEndpoint(context().env).GET(request);
export const POST = (request: Request) => inngestEndpoint(context().env).POST(request);
export const PUT = (request: Request) => inngestEndpoint(context().env).PUT(request);
