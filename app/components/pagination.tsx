import { Link } from "@remix-run/react";

/** Previous and next links with "Page N of M", shown only when there is more than one page. */
export function Pagination(props: { label: string; page: number; pageCount: number; linkTo: (page: number) => string }) {
  const { page, pageCount } = props;
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={props.label} className="mt-6 flex flex-wrap items-center gap-6">
      {page > 1 ? (
        <Link to={props.linkTo(page - 1)} className="link" rel="prev">
          Previous page
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={props.linkTo(page + 1)} className="link" rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
