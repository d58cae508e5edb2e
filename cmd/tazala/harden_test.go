package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala/tokenize/local"
	"golang.org/x/text/encoding/unicode"
)

// testKey writes a fresh local key file (0600, the test's own) and returns
// its path.
func testKey(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "local.key")
	k := make([]byte, local.KeySize)
	rand.Read(k)
	if err := os.WriteFile(p, k, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestScanKeyFile (issue 10, items 5 and 7): a dangling symlink as
// --key-file fails at once (it used to recurse until the stack overflowed),
// a mistyped --key-file is an error instead of a new key, and --create-key
// creates it.
func TestScanKeyFile(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling.key")
	os.Symlink(filepath.Join(dir, "missing", "target.key"), dangling)
	start := time.Now()
	code, _, e := runCLI(t, "x\n", "scan", "-q", "--key-file", dangling, "-")
	if code != exitFailure || !strings.Contains(e, "symlink") {
		t.Errorf("dangling symlink key: exit %d, stderr %q", code, e)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("dangling symlink key took %v", el)
	}
	typo := filepath.Join(dir, "typo.key")
	code, out, e := runCLI(t, "ИИН 900101300017\n", "scan", "-q", "--key-file", typo, "-")
	if code != exitFailure || !strings.Contains(e, "--create-key") || out != "" {
		t.Errorf("missing named key: exit %d, stdout %q, stderr %q", code, out, e)
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("a missing named key was created")
	}
	if code, _, e := runCLI(t, "x\n", "scan", "-q", "--key-file", typo, "--create-key", "-"); code != 0 {
		t.Errorf("--create-key: exit %d, stderr %q", code, e)
	}
	if st, err := os.Stat(typo); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("--create-key did not create a 0600 key: %v", err)
	}
}

// TestExitCodes (issue 10, item 9): the codes the README documents. Usage
// (2): unknown flag, bad flag value, unknown command or subcommand, invalid
// rules; I/O (1): an unreadable --rules file or input; findings (3) only
// from --fail-on-findings.
func TestExitCodes(t *testing.T) {
	key := testKey(t)
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"scan", "--bogus", "-"}, exitUsage},
		{[]string{"--bogus"}, exitUsage},
		{[]string{"scan", "--max-line", "abc", "-"}, exitUsage},
		{[]string{"scan", "--fail-on-findings=maybe", "-"}, exitUsage},
		{[]string{"nosuch"}, exitUsage},
		{[]string{"900101300017"}, exitUsage},
		{[]string{"rules", "nosuch"}, exitUsage},
		{[]string{"rules", "lint", "--bogus", "x"}, exitUsage},
		{[]string{"scan", "--key-file", key, "--rules", "../../testdata/rules/invalid/bad-kind.toml", "-"}, exitUsage},
		{[]string{"scan", "--key-file", key, "--rules", "/does/not/exist.toml", "-"}, exitFailure},
		{[]string{"rules", "lint", "/does/not/exist.toml"}, exitFailure},
		{[]string{"rules", "lint", "../../testdata/rules/invalid/bad-kind.toml"}, exitUsage},
		{[]string{"scan", "--key-file", key, "/does/not/exist"}, exitFailure},
		{[]string{"scan", "-q", "--key-file", key, "-"}, exitOK},
		{[]string{"scan", "-q", "--key-file", key, "--fail-on-findings", "-"}, exitFindings},
	} {
		code, _, e := runCLI(t, "ИИН 900101300017\n", tc.args...)
		if code != tc.want {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.want, e)
		}
		if strings.Contains(e, "900101300017") {
			t.Errorf("%v: stderr repeats the value", tc.args)
		}
	}
}

// TestScanSameFile (issue 10, item 6): an output that is the same file as
// an input (by path, symlink, hard link or stdin redirection) or as the
// other output is refused with a usage error before anything is opened for
// writing; /dev/null may take both outputs.
func TestScanSameFile(t *testing.T) {
	key := testKey(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "s.txt")
	content := "ИИН 900101300017\n"
	os.WriteFile(in, []byte(content), 0o600)
	link := filepath.Join(dir, "link.txt")
	os.Symlink(in, link)
	hard := filepath.Join(dir, "hard.txt")
	os.Link(in, hard)
	other := filepath.Join(dir, "other.txt")
	for _, args := range [][]string{
		{"--out", in, in},
		{"--out", link, in},
		{"--out", hard, in},
		{"--findings", in, in},
		{"--out", "./" + filepath.Base(other), "--findings", other, in}, // neither exists yet
		{"--out", other, "--findings", other, in},
	} {
		t.Run(strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
			if filepath.Base(args[1]) == "other.txt" && strings.HasPrefix(args[1], "./") {
				t.Chdir(dir)
			}
			code, _, e := runCLI(t, "", append([]string{"scan", "-q", "--key-file", key}, args...)...)
			if code != exitUsage || !strings.Contains(e, "same file") {
				t.Errorf("exit %d, stderr %q", code, e)
			}
			if b, _ := os.ReadFile(in); string(b) != content {
				t.Fatal("the input was changed")
			}
		})
	}
	// stdin redirected from the file that --out names
	f, _ := os.Open(in)
	defer f.Close()
	var o, e strings.Builder
	if code := run(t.Context(), []string{"tazala", "scan", "-q", "--key-file", key, "--out", in, "-"}, f, &o, &e); code != exitUsage {
		t.Errorf("stdin is --out: exit %d, stderr %q", code, e.String())
	}
	if b, _ := os.ReadFile(in); string(b) != content {
		t.Fatal("the input was changed")
	}
	// the files scan reads besides its inputs: the key, the rules
	rulesCopy := filepath.Join(dir, "rules.toml")
	rb, _ := os.ReadFile("../../testdata/rules/valid/loyalty.toml")
	os.WriteFile(rulesCopy, rb, 0o600)
	keyBefore, _ := os.ReadFile(key)
	for _, args := range [][]string{
		{"--out", key, in},
		{"--findings", key, in},
		{"--rules", rulesCopy, "--out", rulesCopy, in},
	} {
		code, _, e := runCLI(t, "", append([]string{"scan", "-q", "--key-file", key}, args...)...)
		if code != exitUsage || !strings.Contains(e, "same file") {
			t.Errorf("%v: exit %d, stderr %q", args, code, e)
		}
	}
	if b, _ := os.ReadFile(key); !bytes.Equal(b, keyBefore) {
		t.Fatal("the key file was overwritten")
	}
	if b, _ := os.ReadFile(rulesCopy); !bytes.Equal(b, rb) {
		t.Fatal("the rules file was overwritten")
	}
	if code, _, e := runCLI(t, content, "scan", "-q", "--key-file", key, "--out", os.DevNull, "--findings", os.DevNull, in); code != 0 {
		t.Errorf("/dev/null for both outputs: exit %d, %q", code, e)
	}
}

// TestScanEncodedInput (issue 10, item 8): gzip (a file or stdin, also
// nested) is read decompressed and UTF-16 with a BOM decoded, so their
// values are found; other binary input is reported, and with
// --fail-on-findings it fails (exit 1) instead of passing as clean.
func TestScanEncodedInput(t *testing.T) {
	key := testKey(t)
	text := "ИИН 900101300017\n{\"email\":\"a.b@mail.kz\"}\n"
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	u16 := func(be bool) []byte {
		enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
		if be {
			enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
		}
		b, err := enc.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	dir := t.TempDir()
	gzPath := filepath.Join(dir, "rotated.log.gz")
	os.WriteFile(gzPath, gz([]byte(text)), 0o600)
	for _, tc := range []struct {
		name  string
		stdin []byte
		args  []string
		note  string
	}{
		{"gzip file", nil, []string{gzPath}, "gzip-compressed"},
		{"gzip stdin", gz([]byte(text)), []string{"-"}, "gzip-compressed"},
		{"gzip of gzip", gz(gz([]byte(text))), []string{"-"}, "gzip-compressed"},
		{"gzip of UTF-16", gz(u16(false)), []string{"-"}, "UTF-16LE"},
		{"UTF-16LE", u16(false), []string{"-"}, "UTF-16LE"},
		{"UTF-16BE", u16(true), []string{"-"}, "UTF-16BE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"scan", "--key-file", key, "--fail-on-findings"}, tc.args...)
			code, out, e := runCLI(t, string(tc.stdin), args...)
			if code != exitFindings {
				t.Fatalf("exit %d, want %d (stderr %q)", code, exitFindings, e)
			}
			if strings.Contains(out, "900101300017") || strings.Contains(out, "a.b@mail.kz") || !strings.Contains(out, "ИИН [IIN:tk_") || !strings.Contains(out, `{"email":"[EMAIL:tk_`) {
				t.Errorf("output %q", out)
			}
			if !strings.Contains(e, tc.note) {
				t.Errorf("stderr does not say %q: %q", tc.note, e)
			}
		})
	}
	zstd := "\x28\xb5\x2f\xfd" + strings.Repeat("\x00\x13", 50)
	code, out, e := runCLI(t, zstd, "scan", "--key-file", key, "--fail-on-findings", "-")
	if code != exitFailure || out != "" || !strings.Contains(e, "zstd") {
		t.Errorf("zstd with --fail-on-findings: exit %d, stdout %q, stderr %q", code, out, e)
	}
	code, _, e = runCLI(t, zstd, "scan", "--key-file", key, "-")
	if code != 0 || !strings.Contains(e, "looks binary") {
		t.Errorf("zstd: exit %d, stderr %q", code, e)
	}
	// FF FE followed by bytes that are not UTF-16 text: scanned as bytes
	code, out, _ = runCLI(t, "\xff\xfe ИИН 900101300017\n", "scan", "-q", "--key-file", key, "-")
	if code != 0 || strings.Contains(out, "900101300017") || !strings.Contains(out, "[IIN:tk_") {
		t.Errorf("FF FE junk: exit %d, out %q", code, out)
	}
}

// TestScanInterruptFIFO (issue 10, item 11): cancelling the context (what
// SIGINT and SIGTERM do in main) stops scan while it waits on a FIFO: an
// input with no writer, an input whose writer is idle, an --out with no
// reader.
func TestScanInterruptFIFO(t *testing.T) {
	key := testKey(t)
	dir := t.TempDir()
	fifo := func(name string) string {
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		return p
	}
	noWriter := fifo("in-no-writer")
	idle := fifo("in-idle")
	noReader := fifo("out-no-reader")
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte("ИИН 900101300017\n"), 0o600)

	// the idle writer: opens, writes one line, then waits
	go func() {
		f, err := os.OpenFile(idle, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString("ИИН 900101300017\n")
		time.Sleep(20 * time.Second)
		f.Close()
	}()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"input FIFO without a writer", []string{noWriter}},
		{"input FIFO with an idle writer", []string{idle}},
		{"--out FIFO without a reader", []string{"--out", noReader, in}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			done := make(chan int, 1)
			var o, e bytes.Buffer
			go func() {
				done <- run(ctx, append([]string{"tazala", "scan", "-q", "--key-file", key}, tc.args...), strings.NewReader(""), &o, &e)
			}()
			select {
			case code := <-done:
				if code != exitFailure || !strings.Contains(e.String(), "interrupted") {
					t.Errorf("exit %d, stderr %q", code, e.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("scan did not stop within 10s of the cancel")
			}
		})
	}
	// release the goroutines still blocked in open(2)
	for _, p := range []string{noWriter, noReader} {
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			f.Close()
		}
	}
}

// TestScanFileSizeLimit (issue 10, item 12): under a file-size limit
// (EFBIG) the output is cut back to the last whole record and the error
// says exactly which lines it holds.
func TestScanFileSizeLimit(t *testing.T) {
	key := testKey(t)
	dir := t.TempDir()
	var b strings.Builder
	for b.Len() < 3<<20 {
		b.WriteString("ИИН 900101300017 some log text to make the line longer\n")
	}
	in := filepath.Join(dir, "in.log")
	os.WriteFile(in, []byte(b.String()), 0o600)
	out := filepath.Join(dir, "out.log")

	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skip(err)
	}
	lim := old
	lim.Cur = 2 << 20
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skip(err)
	}
	code, _, e := runCLI(t, "", "scan", "-q", "--key-file", key, "--out", out, in)
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	if code != exitFailure || !strings.Contains(e, "file too large") {
		t.Fatalf("exit %d, stderr %q", code, e)
	}
	got, _ := os.ReadFile(out)
	n := bytes.Count(got, []byte("\n"))
	if len(got) == 0 || got[len(got)-1] != '\n' {
		t.Errorf("the output does not end on a whole record (%d bytes)", len(got))
	}
	if want := "holds the output of input lines 1-" + strconv.Itoa(n) + " whole"; !strings.Contains(e, want) {
		t.Errorf("stderr %q does not say %q", e, want)
	}
	if bytes.Contains(got, []byte("900101300017")) {
		t.Error("a value in the output")
	}
}

// TestScanMaxLineBounds (issue 10, item 10): --max-line outside 64 KiB ..
// 16 MiB is a usage error; the values that used to panic or reserve 8.6 GB
// are refused before anything is allocated.
func TestScanMaxLineBounds(t *testing.T) {
	key := testKey(t)
	for _, v := range []string{"9223372036854775807", "4611686018427387904", "2147483648", "16777217", "65535", "0", "-1"} {
		code, _, e := runCLI(t, "x\n", "scan", "-q", "--key-file", key, "--max-line", v, "-")
		if code != exitUsage || !strings.Contains(e, "out of range") {
			t.Errorf("--max-line %s: exit %d, stderr %q", v, code, e)
		}
	}
	for _, v := range []string{"65536", "16777216"} {
		if code, _, e := runCLI(t, "x\n", "scan", "-q", "--key-file", key, "--max-line", v, "-"); code != 0 {
			t.Errorf("--max-line %s: exit %d, stderr %q", v, code, e)
		}
	}
}
