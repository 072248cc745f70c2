"use server";

import { signOutEverywhere } from "@/lib/auth";

export async function signOutAction() {
  await signOutEverywhere();
}
