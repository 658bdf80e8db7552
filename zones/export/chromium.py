"""One headless Chromium shared by every snapshot a process renders.

Starting Chromium costs about a second; drawing one map costs a fraction of that, so the browser
is started on first use and then reused until the process exits. Playwright's objects belong to
the event loop that made them, so the browser lives on its own thread with its own asyncio loop;
:meth:`SharedBrowser.run` hands a coroutine to that loop from any thread and waits for its result,
which makes the browser safe to share between Streamlit sessions and worker threads. Every page
gets its own browser context, so concurrent renders never share state.

Chromium is the system one (``$ZONES_CHROMIUM``, else ``chromium`` on the PATH); Playwright's
own browser download is never used.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shutil
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

CHROMIUM_VARIABLE = "ZONES_CHROMIUM"
CHROMIUM_ARGS = ("--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
START_TIMEOUT_S = 30.0

T = TypeVar("T")


class BrowserError(RuntimeError):
    """Chromium cannot be found, started or driven; the message says what to try."""


def chromium_path() -> str:
    """The Chromium executable: ``$ZONES_CHROMIUM``, else ``chromium`` on the PATH.

    Raises :class:`BrowserError` when neither exists.
    """
    configured = os.environ.get(CHROMIUM_VARIABLE)
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise BrowserError(f"${CHROMIUM_VARIABLE} is {configured!r}, which is not an executable; "
                               "point it at a Chromium or Chrome binary.")
        return configured
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise BrowserError("Chromium is needed for PNG and PDF snapshots and was not found: install it "
                           f"(Debian/Ubuntu: apt-get install chromium) or set ${CHROMIUM_VARIABLE}.")
    return found


class SharedBrowser:
    """A headless Chromium on a private thread, started lazily, closed at interpreter exit."""

    def __init__(self, executable: str | None = None):
        self._executable = executable
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._playwright = None
        self._browser = None
        self._closes_at_exit = False

    @property
    def started(self) -> bool:
        return self._browser is not None

    def run(self, work: Callable[[Any], Awaitable[T]], *, timeout: float = 60.0) -> T:
        """Run ``await work(browser)`` on the browser's loop and return its result.

        ``browser`` is a Playwright async ``Browser``; ``timeout`` is in seconds. Exceptions
        raised by ``work`` propagate unchanged; a timeout raises :class:`BrowserError`.
        """
        loop = self._ensure_loop()
        future = asyncio.run_coroutine_threadsafe(self._call(work), loop)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            raise BrowserError(f"Chromium did not finish within {timeout:.0f} s; try a smaller size "
                               "or fewer layers.") from None

    def close(self) -> None:
        """Close Chromium and stop the thread; the next :meth:`run` starts them again."""
        with self._lock:
            loop, thread = self._loop, self._thread
            if loop is None:
                return
            with contextlib.suppress(FutureTimeout, RuntimeError):
                asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=15)
            loop.call_soon_threadsafe(loop.stop)
            if thread is not None:
                thread.join(timeout=5)
            self._loop = self._thread = None

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="zones-chromium", daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
                if not self._closes_at_exit:
                    atexit.register(self.close)
                    self._closes_at_exit = True
            return self._loop

    async def _call(self, work: Callable[[Any], Awaitable[T]]) -> T:
        return await work(await self._connected())

    async def _connected(self):
        # Runs on the loop's single thread, so no lock is needed between the check and the start.
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        await self._shutdown()
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright

        executable = self._executable or chromium_path()
        try:
            self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.launch(
                executable_path=executable, args=list(CHROMIUM_ARGS), timeout=START_TIMEOUT_S * 1000)
        except PlaywrightError as error:
            await self._shutdown()
            raise BrowserError(f"Chromium ({executable}) did not start: {error.message.splitlines()[0]}. "
                               f"Check that it runs, or set ${CHROMIUM_VARIABLE} to another build.") \
                from None
        return self._browser

    async def _shutdown(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        if browser is not None:
            from playwright.async_api import Error as PlaywrightError

            with contextlib.suppress(PlaywrightError):  # a browser that already died cannot close
                await browser.close()
        if playwright is not None:
            await playwright.stop()


_shared: SharedBrowser | None = None
_shared_lock = threading.Lock()


def shared_browser() -> SharedBrowser:
    """The process-wide :class:`SharedBrowser` (not started until first used)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SharedBrowser()
        return _shared


async def render_page(
    browser,
    html: str,
    *,
    width: int,
    height: int,
    scale: int = 1,
    output: str = "png",
    ready: str = "() => document.readyState === 'complete'",
    ready_arg: object = None,
    allow: Callable[[str], bool] = lambda url: False,
    timeout_s: float = 30.0,
) -> bytes:
    """Load ``html`` into a ``width``×``height`` CSS px page and return it as PNG or PDF bytes.

    ``scale`` is the device pixel ratio (a PNG is ``width*scale`` × ``height*scale`` pixels);
    ``ready`` is a JavaScript function, called with ``ready_arg``, that returns true once the
    page is drawn, or a string saying why it cannot be drawn, which raises
    :class:`BrowserError` with that string. Every request whose URL is neither local (file:,
    data:, blob:, about:) nor accepted by ``allow`` is aborted. Raises Playwright's ``Error``
    (or its ``TimeoutError``) when the page fails or is not ready within ``timeout_s`` seconds.
    """
    if output not in ("png", "pdf"):
        raise ValueError(f"unknown output {output!r}; choose png or pdf")
    context = await browser.new_context(viewport={"width": width, "height": height},
                                        device_scale_factor=scale, service_workers="block")
    try:
        async def route(request_route):
            url = request_route.request.url
            if url.startswith(LOCAL_SCHEMES) or allow(url):
                await request_route.continue_()
            else:
                await request_route.abort("blockedbyclient")

        await context.route("**/*", route)
        page = await context.new_page()
        page.set_default_timeout(timeout_s * 1000)
        await page.emulate_media(media="screen")
        await page.set_content(html, wait_until="load")
        outcome = await (await page.wait_for_function(ready, arg=ready_arg, polling="raf")).json_value()
        if isinstance(outcome, str):
            raise BrowserError(outcome)
        if output == "png":
            return await page.screenshot(type="png", animations="disabled", caret="hide")
        return await page.pdf(width=f"{width}px", height=f"{height}px", print_background=True,
                              margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
                              page_ranges="1")
    finally:
        await context.close()
