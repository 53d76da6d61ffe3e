package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

var (
	browserTest = flag.Bool("browser", false, "run the report's browser test: Debian's chromium headless (bash .ci/browser-check)")
	shotsDir    = flag.String("shots", "", "with -browser: the folder for the report's screenshots and printed PDF (default: a temporary folder)")
)

// Widths of the screenshots: a laptop, and a phone.
const (
	desktopWidth, desktopHeight = 1366, 800
	phoneWidth, phoneHeight     = 390, 844
)

// The report of a built-in, opened in a real browser (headless chromium
// through the DevTools protocol) at desktop and phone width, in large type
// and printed: no console error, no exception, no request but the file
// itself (every other request is failed and reported), no failed load, no
// horizontal scrolling of the page at phone width. The screenshots (PNG)
// and the printed PDF, with its pages as PNG (pdftoppm), go to -shots.
// With -browser and no chromium the test fails: it is skipped only
// without -browser.
func TestReportInABrowser(t *testing.T) {
	if !*browserTest {
		t.Skip("the browser test runs with -browser (bash .ci/browser-check installs chromium and runs it)")
	}
	chrome := findChromium(t)
	pdftoppm, err := exec.LookPath("pdftoppm")
	require.NoError(t, err, "-browser needs pdftoppm (Debian's poppler-utils) for the printed pages")
	shots := *shotsDir
	if shots == "" {
		shots = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))

	// The reports: a replay at its quick size with a what-if and a
	// comparison, and the same in large type.
	dir := t.TempDir()
	name := "docomo-2022-12-17"
	args := []string{"report", name, "--also", "detection=bfd"}
	for _, q := range quickSets(t, name) {
		args = append(args, "--set", q)
	}
	cmpDir := filepath.Join(dir, "cmp")
	cmpArgs := []string{"compare", name, "--vs", "detection=bfd", "--vs", "detour_tools=tools", "--reps", "2", "--format", "none", "--quiet", "--out", cmpDir}
	for _, q := range quickSets(t, name) {
		cmpArgs = append(cmpArgs, "--set", q)
	}
	code, _, errs := runCLI(t, cmpArgs...)
	require.Equal(t, exitOK, code, errs)
	args = append(args, "--compare", cmpDir)
	page, large := filepath.Join(dir, "report.html"), filepath.Join(dir, "report-large.html")
	code, _, errs = runCLI(t, append(args, "--out", page)...)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI(t, append(args, "--large", "--out", large)...)
	require.Equal(t, exitOK, code, errs)

	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("mute-audio", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Nothing is resolved: a request that slipped past the check below
		// fails instead of reaching the network.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	)...)
	defer cancel()
	browser, stop := chromedp.NewContext(alloc)
	defer stop()
	start := time.Now()
	_, err = chromedp.Run(browser, chromedp.Evaluate[string]("navigator.userAgent"))
	require.NoError(t, err, "starting %s", chrome)

	t.Run("the harness catches what it should", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.html")
		require.NoError(t, os.WriteFile(bad, []byte(`<!DOCTYPE html><html><head><link rel="stylesheet" href="other.css"></head>
<body><img src="http://192.0.2.1/x.png" alt=""><script>console.error("a console error"); throw new Error("an exception")</script></body></html>`), 0o644))
		problems := openPage(t, browser, bad, func(ctx context.Context) error { return nil })
		joined := strings.Join(problems, "\n")
		require.Contains(t, joined, "console error")
		require.Contains(t, joined, "an exception")
		require.Contains(t, joined, "http://192.0.2.1/x.png")
		require.Contains(t, joined, "other.css")
	})

	shot := func(ctx context.Context, file string, full bool) error {
		var b []byte
		var err error
		if full {
			b, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		} else {
			b, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(shots, file), b, 0o644)
	}
	t.Run("desktop", func(t *testing.T) {
		problems := openPage(t, browser, page, func(ctx context.Context) error {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(desktopWidth, desktopHeight)); err != nil {
				return err
			}
			if err := noHorizontalScroll(ctx); err != nil {
				return err
			}
			if err := shot(ctx, "report-desktop-top.png", false); err != nil {
				return err
			}
			return shot(ctx, "report-desktop.png", true)
		})
		require.Empty(t, problems)
	})
	t.Run("phone", func(t *testing.T) {
		problems := openPage(t, browser, page, func(ctx context.Context) error {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile)); err != nil {
				return err
			}
			if err := noHorizontalScroll(ctx); err != nil {
				return err
			}
			if err := shot(ctx, "report-phone-top.png", false); err != nil {
				return err
			}
			return shot(ctx, "report-phone.png", true)
		})
		require.Empty(t, problems)
	})
	t.Run("large type", func(t *testing.T) {
		problems := openPage(t, browser, large, func(ctx context.Context) error {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(desktopWidth, desktopHeight)); err != nil {
				return err
			}
			if err := noHorizontalScroll(ctx); err != nil {
				return err
			}
			size, err := chromedp.Run(ctx, chromedp.Evaluate[string]("getComputedStyle(document.body).fontSize"))
			if err != nil {
				return err
			}
			if size != "24px" {
				return fmt.Errorf("large type: the body's font size is %s, want 24px", size)
			}
			if err := shot(ctx, "report-large-top.png", false); err != nil {
				return err
			}
			return shot(ctx, "report-large.png", true)
		})
		require.Empty(t, problems)
	})
	t.Run("printed", func(t *testing.T) {
		pdf := filepath.Join(shots, "report-print.pdf")
		problems := openPage(t, browser, page, func(ctx context.Context) error {
			b, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
			if err != nil {
				return err
			}
			return os.WriteFile(pdf, b, 0o644)
		})
		require.Empty(t, problems)
		old, _ := filepath.Glob(filepath.Join(shots, "report-print-*.png"))
		for _, f := range old {
			require.NoError(t, os.Remove(f))
		}
		out, err := exec.Command(pdftoppm, "-png", "-r", "60", pdf, filepath.Join(shots, "report-print")).CombinedOutput()
		require.NoError(t, err, "pdftoppm: %s", out)
		pages, _ := filepath.Glob(filepath.Join(shots, "report-print-*.png"))
		require.NotEmpty(t, pages)
		t.Logf("printed: %d A4 pages", len(pages))
	})
	t.Logf("browser checks took %s; screenshots in %s", time.Since(start).Round(time.Millisecond), shots)
}

// findChromium finds Debian's chromium (or another Chrome), and fails the
// test without one: -browser asked for it.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("-browser: no chromium on PATH; install Debian's chromium (apt-get install chromium), or run bash .ci/browser-check")
	return ""
}

// quickSets are a built-in's quick overrides.
func quickSets(t *testing.T, name string) []string {
	t.Helper()
	s, err := load(name, true, nil)
	require.NoError(t, err)
	return s.Quick
}

// openPage opens the file in a new tab, runs do on it once it has loaded,
// and returns the problems seen: console errors, exceptions, failed loads,
// and any request other than for the file itself (which is failed).
func openPage(t *testing.T, browser context.Context, file string, do func(ctx context.Context) error) []string {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	want := (&url.URL{Scheme: "file", Path: file}).String()
	var mu sync.Mutex
	var problems []string
	add := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	paused := make(chan *fetch.EventRequestPaused, 256)
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				add("console.%s: %s", ev.Type, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			text := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				text += " " + ev.ExceptionDetails.Exception.Description
			}
			add("exception: %s", text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				add("browser log error: %s (%s)", ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if ev.Request.URL != want {
				add("a request for %s (the report must need nothing but itself)", ev.Request.URL)
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled {
				add("a failed load: %s (%s)", ev.ErrorText, ev.RequestID)
			}
		case *fetch.EventRequestPaused:
			paused <- ev
		}
	}))
	// Every request is paused: the file itself goes on, any other fails.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case ev := <-paused:
				if ev.Request.URL == want {
					_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
					continue
				}
				add("a request for %s, blocked", ev.Request.URL)
				_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
		}
	}()
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	require.NoError(t, err)
	tctx, tcancel := context.WithTimeout(ctx, 2*time.Minute)
	defer tcancel()
	require.NoError(t, chromedp.Do(tctx, chromedp.Navigate(want)))
	require.NoError(t, do(tctx))
	// Let late events (a failed image, a deferred error) arrive.
	time.Sleep(300 * time.Millisecond)
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), problems...)
}

// noHorizontalScroll fails when the page is wider than the window (a wide
// table must scroll in its own box), naming the widest elements.
func noHorizontalScroll(ctx context.Context) error {
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const w = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= w) return [];
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right > w + 1 && !e.closest('.scroll')) out.push(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' to ' + Math.round(r.right) + 'px');
    if (out.length >= 8) break;
  }
  return ['page ' + document.documentElement.scrollWidth + 'px wide in a ' + w + 'px window'].concat(out);
})()`))
	if err != nil {
		return err
	}
	if len(wide) > 0 {
		return fmt.Errorf("horizontal scrolling: %s", strings.Join(wide, "; "))
	}
	return nil
}
