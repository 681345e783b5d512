"""Write the primer PDFs with WeasyPrint (no MkDocs import here).

Nothing is fetched from outside: the url_fetcher refuses every URL that is not
a local file or a data: URL, and fonts come from the system (Debian's DejaVu
via fontconfig).  Each primer comes as a list of HTML versions, the most
detailed first; the first one that fits the page limit is written.  The
primers are rendered in parallel processes, one per core.
"""
from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pyscript_tools.authoring.cache import BuildCache, digest


class PdfError(Exception):
    pass


@dataclass(frozen=True)
class Job:
    versions: tuple[str, ...]  # HTML documents, most detailed first
    dest: str
    base_url: str
    min_pages: int = 2
    max_pages: int = 6


def make_fetcher(refused: list[str]):
    """A WeasyPrint url_fetcher that serves file: and data: URLs only and records what it refused.

    Works with the URLFetcher class of WeasyPrint 68 and later and with the older function API.
    """
    def check(url: str):
        if not url.startswith(("file:", "data:")):
            refused.append(url)
            raise PdfError(f"refused to fetch {url!r}: the primer PDFs may only use local files")

    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        from weasyprint import default_url_fetcher

        def fetcher(url, *args, **kwargs):
            check(url)
            return default_url_fetcher(url, *args, **kwargs)

        return fetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            check(url)
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols=("file", "data"))


def _import_html():
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Debian's pango is missing
        raise PdfError(f"WeasyPrint is not usable ({exc}); install it and Debian's libpango, "
                       "or set `pdf: false` for the toolkit-primers plugin") from None
    return HTML


def write_one(job: Job) -> tuple[str, int, int]:
    """Render the first version of *job* that fits; return (dest, pages, version index)."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML = _import_html()
    rendered: dict[int, object] = {}

    def render(i: int):
        if i not in rendered:
            refused: list[str] = []
            html = job.versions[i]
            rendered[i] = HTML(string=html, base_url=job.base_url, url_fetcher=make_fetcher(refused)).render()
            if refused:
                raise PdfError(f"{Path(job.dest).name}: refused to fetch {', '.join(refused)}; "
                               "the primer PDFs may only use local files")
        return rendered[i]

    def fits(i: int) -> bool:
        return len(render(i).pages) <= job.max_pages

    # Fewer details never mean more pages, so look for the first version that fits:
    # the most detailed one first (the usual case), then a binary search over the rest.
    index = 0
    if not fits(0):
        lo, hi = 1, len(job.versions) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if fits(mid):
                hi = mid
            else:
                lo = mid + 1
        index = lo
    document = render(index)
    pages = len(document.pages)
    dest = Path(job.dest)
    if not job.min_pages <= pages <= job.max_pages:
        raise PdfError(f"{dest.name} has {pages} pages; a primer must have {job.min_pages} to {job.max_pages}: "
                       "shorten its text in toolkit_content/primers/")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        document.write_pdf(dest, pdf_tags=True)  # tagged PDF: headings, lists and reading order for screen readers
    except TypeError:  # a WeasyPrint without the option
        document.write_pdf(dest)
    return str(dest), pages, index


def job_key(job: Job) -> str:
    """Everything a primer PDF is made from: its HTML versions (the print stylesheet is inside them),
    WeasyPrint's version and the page limits."""
    from weasyprint import __version__ as weasyprint_version

    return digest(*job.versions, weasyprint_version, str(job.min_pages), str(job.max_pages))


def write_all_cached(jobs: list[Job], cache: BuildCache) -> tuple[list[tuple[str, int, int]], int]:
    """Like :func:`write_all`, taking each PDF made before from the same inputs from ``cache``.
    Returns the results of the PDFs made now and how many came from the cache."""
    _import_html()
    keys = {job.dest: job_key(job) for job in jobs}
    missing = []
    for job in jobs:
        kept = cache.get(keys[job.dest], ".pdf")
        if kept is None:
            missing.append(job)
        else:
            Path(job.dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, job.dest)
    results = write_all(missing) if missing else []
    for dest, _, _ in results:
        cache.put(keys[dest], ".pdf", Path(dest))
    return results, len(jobs) - len(missing)


def write_all(jobs: list[Job], workers: int | None = None) -> list[tuple[str, int, int]]:
    """Render every job, in parallel when there is more than one core."""
    _import_html()
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [write_one(j) for j in jobs]
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return [write_one(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(write_one, jobs))
