import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // Text and focus colours chosen for WCAG 2.2 AA contrast on white.
        ink: "#0b0c0c",
        muted: "#505a5f",
        brand: { DEFAULT: "#1d4ed8", dark: "#1e3a8a" },
        focus: "#ffdd00",
        danger: "#b91c1c",
        success: "#166534",
      },
    },
  },
  plugins: [],
} satisfies Config;
