import type { ReactNode } from "react";

/**
 * Where a page's procedure comes from in the organisation's policy, closed at the end of the page:
 * there for those who want it, out of the way of what people have to do.
 */
export function AboutThisProcedure({ children }: { children: ReactNode }) {
  return (
    <details className="mt-8 border-t border-gray-300 pt-4">
      <summary className="cursor-pointer text-lg font-bold">About this procedure</summary>
      {children}
    </details>
  );
}
