import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Zendesk Data Collector", template: "%s · Zendesk Data Collector" },
  description: "A live copy of your Zendesk tickets in PostgreSQL, with a fast dashboard on top.",
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }, { url: "/favicon.ico", sizes: "32x32" }], apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }] },
  // A private dashboard: kept out of search engines (public/robots.txt says the same to crawlers).
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
