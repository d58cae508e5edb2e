package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"unicode/utf16"

	"github.com/klauspost/compress/gzip"
	"github.com/tazala/tazala/scanfile"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/urfave/cli/v2"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// This file holds how `tazala scan` opens what it reads and writes: inputs
// are sniffed (gzip read transparently, UTF-16 with a BOM decoded, other
// binary input reported), outputs that are the same file as an input or as
// each other are refused, and opening or reading a FIFO gives way to
// SIGINT/SIGTERM (issue 10, items 6, 8 and 11).

// inputInfo says what an input turned out to be.
type inputInfo struct {
	name   string // as displayed: the path, or "stdin"
	gzip   bool   // gzip-compressed, read decompressed
	utf16  string // "UTF-16LE" or "UTF-16BE" when decoded from UTF-16
	binary string // why the input looks binary; "" for text
}

// sniffSize is how much of an input's start is looked at. For a pipe only
// what is already there is looked at (at least the first few bytes), so a
// slow stream is not held back.
const sniffSize = 64 << 10

// openInput opens the input p ("-" for stdin) for scanning: decompressed,
// decoded to UTF-8, and interruptible by ctx when it is a pipe or FIFO.
func openInput(ctx context.Context, p string, stdin io.Reader) (io.Reader, *inputInfo, func(), error) {
	info := &inputInfo{name: displayName(p)}
	var r io.Reader
	closeIn := func() {}
	if p == "-" {
		r = stdin
	} else {
		f, err := openFile(ctx, p, os.O_RDONLY, 0)
		if err != nil {
			return nil, nil, nil, cli.Exit(fmt.Sprintf("scan: %v", err), exitFailure)
		}
		r, closeIn = f, func() { f.Close() }
	}
	if f, ok := r.(*os.File); ok && !isRegular(f) {
		// a read from a pipe, FIFO or terminal may wait forever: read in a
		// goroutine so that cancelling ctx (SIGINT, SIGTERM) ends the wait
		r = newCtxReader(ctx, f)
	}
	r, err := sniff(r, info)
	if err != nil {
		closeIn()
		return nil, nil, nil, cli.Exit(fmt.Sprintf("scan %s: %v", info.name, err), exitFailure)
	}
	return r, info, closeIn, nil
}

// sniff looks at the start of r and returns the reader to scan: gzip is
// decompressed (also nested, and for stdin), UTF-16 with a byte-order mark
// decoded to UTF-8; known binary formats and NUL bytes are noted in info.
func sniff(r io.Reader, info *inputInfo) (io.Reader, error) {
	for layer := 0; ; layer++ {
		br := bufio.NewReaderSize(r, sniffSize)
		head, err := br.Peek(4)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("read: %w", err)
		}
		if n := br.Buffered(); n > len(head) {
			head, _ = br.Peek(n)
		}
		switch {
		case len(head) >= 3 && head[0] == 0x1f && head[1] == 0x8b && head[2] == 8 && layer < 3:
			zr, err := gzip.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("gzip: %w", err)
			}
			info.gzip = true
			r = zr
			continue
		case len(head) >= 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff):
			be := head[0] == 0xfe
			if plausibleUTF16(head[2:], be) {
				order, name := unicode.LittleEndian, "UTF-16LE"
				if be {
					order, name = unicode.BigEndian, "UTF-16BE"
				}
				info.utf16 = name
				return transform.NewReader(br, unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()), nil
			}
			info.binary = "starts like UTF-16 but is not UTF-16 text"
		default:
			info.binary = binaryReason(head)
		}
		return br, nil
	}
}

// magics are the starts of binary formats that are not log text.
var magics = []struct {
	prefix string
	what   string
}{
	{"\x28\xb5\x2f\xfd", "zstd-compressed (decompress it first: zstdcat FILE | tazala scan -)"},
	{"BZh", "bzip2-compressed (decompress it first: bzcat FILE | tazala scan -)"},
	{"\xfd7zXZ\x00", "xz-compressed (decompress it first: xzcat FILE | tazala scan -)"},
	{"\x04\x22\x4d\x18", "lz4-compressed"},
	{"PK\x03\x04", "a zip archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7z archive"},
	{"\x7fELF", "an executable"},
	{"\x89PNG", "an image"},
	{"\x1f\x8b", "gzip nested too deep"},
}

// binaryReason says why head looks binary, or "" for text.
func binaryReason(head []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.what
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "it holds NUL bytes"
	}
	return ""
}

// plausibleUTF16 reports whether b (after the BOM) decodes to text as log
// lines hold it: at least nine in ten characters in the Latin, Greek,
// Cyrillic ranges, common punctuation or whitespace. Bytes that merely
// start with FF FE (binary junk, invalid UTF-8) fail, and are scanned as
// bytes instead of being turned into other characters.
func plausibleUTF16(b []byte, be bool) bool {
	n := len(b) / 2
	if n == 0 {
		return true // just a BOM
	}
	u := make([]uint16, n)
	for i := range u {
		if be {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	good, total := 0, 0
	for _, r := range utf16.Decode(u) {
		total++
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r < 0x7f,
			r >= 0xa0 && r < 0x530, // Latin-1 … Cyrillic Supplement
			r >= 0x2000 && r < 0x2070, r >= 0x20a0 && r < 0x20d0, r == 0x2116:
			good++
		}
	}
	return good*10 >= total*9
}

// printInputNotes reports on stderr what an input turned out to be.
func printInputNotes(w io.Writer, info *inputInfo) {
	if info.gzip {
		fmt.Fprintf(w, "  note: %s was gzip-compressed; it was read decompressed (the output is not compressed; offsets are into the decompressed lines)\n", info.name)
	}
	if info.utf16 != "" {
		fmt.Fprintf(w, "  note: %s was %s; it was decoded and written as UTF-8 (offsets are into the UTF-8 lines)\n", info.name, info.utf16)
	}
	if info.binary != "" {
		fmt.Fprintf(w, "  note: %s looks binary (%s); it was scanned as bytes, which finds nothing inside compressed or encoded data\n", info.name, info.binary)
	}
}

// fileID is a file's identity: device and inode.
type fileID struct{ dev, ino uint64 }

func idOf(st fs.FileInfo) (fileID, bool) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(s.Dev), uint64(s.Ino)}, true
}

// comparable reports whether two names for st could clash: regular files
// and FIFOs; not character devices such as /dev/null, which any number of
// outputs may share.
func comparable(st fs.FileInfo) bool {
	return st.Mode().IsRegular() || st.Mode()&fs.ModeNamedPipe != 0
}

// endpoint is one input or output as the user named it, resolved to a file
// identity where the file exists.
type endpoint struct {
	flag string // "input", "--out", "--findings"
	name string
	id   fileID
	ok   bool   // id is valid
	path string // resolved path of a file that does not exist yet
}

// resolveEndpoint finds the identity of p ("-" for std), following symlinks.
func resolveEndpoint(flag, p string, std any) endpoint {
	e := endpoint{flag: flag, name: p}
	if p == "-" || p == "" {
		e.name = "-"
		if f, ok := std.(*os.File); ok {
			if st, err := f.Stat(); err == nil && comparable(st) {
				e.id, e.ok = idOf(st)
			}
		}
		return e
	}
	st, err := os.Stat(p)
	if err == nil {
		if comparable(st) {
			e.id, e.ok = idOf(st)
		}
		return e
	}
	// not there yet: compare by the real directory and base name
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		if abs, err := filepath.Abs(dir); err == nil {
			e.path = filepath.Join(abs, filepath.Base(p))
		}
	}
	return e
}

func (e endpoint) same(o endpoint) bool {
	if e.ok && o.ok {
		return e.id == o.id
	}
	return e.path != "" && e.path == o.path
}

// checkDistinct refuses outputs that are the same file as an input or as
// each other (device and inode compared, so symlinks, hard links and
// stdin/stdout redirections count): opening the output would empty the
// input before it is read, and two outputs would overwrite each other.
// Both outputs given as "-" (stdout) is allowed: one stream, on purpose.
//
// protected names other files scan reads (flag and path: the rules, the
// key file, the token vault); an output naming one of them is refused too.
func checkDistinct(inputs []string, stdin io.Reader, out, findings string, stdout io.Writer, protected ...[2]string) error {
	var ins []endpoint
	for _, p := range inputs {
		ins = append(ins, resolveEndpoint("input", p, stdin))
	}
	for _, fp := range protected {
		if fp[1] != "" && fp[1] != "-" {
			e := resolveEndpoint(fp[0], fp[1], nil)
			if e.ok || e.path != "" {
				ins = append(ins, e)
			}
		}
	}
	outs := []endpoint{resolveEndpoint("--out", out, stdout)}
	if findings != "" {
		outs = append(outs, resolveEndpoint("--findings", findings, stdout))
	}
	for _, o := range outs {
		for _, in := range ins {
			if o.same(in) && in.flag != "input" {
				return usageErr("scan: %s %s is the same file as %s %s: writing it would destroy it\nTry: tazala scan %s OTHER-FILE …", o.flag, o.name, in.flag, in.name, o.flag)
			}
			if o.same(in) {
				return usageErr("scan: %s %s is the same file as input %s: writing it would destroy the input before it is read\nTry: tazala scan --out OTHER-FILE %s", o.flag, o.name, displayName(in.name), in.name)
			}
		}
	}
	if len(outs) == 2 && outs[0].same(outs[1]) && !(outs[0].name == "-" && outs[1].name == "-") {
		return usageErr("scan: --out %s and --findings %s are the same file: each would overwrite the other\nTry: tazala scan --out redacted.jsonl --findings findings.jsonl INPUT", outs[0].name, outs[1].name)
	}
	return nil
}

// openOutput opens an output file ("-" or "" for stdout), truncating it;
// a FIFO is opened without blocking the command against ctx, and a write
// to a FIFO or pipe gives way to ctx: the file is closed when ctx ends.
func openOutput(ctx context.Context, p string, stdout io.Writer) (io.Writer, func(), error) {
	if p == "-" || p == "" {
		return stdout, func() {}, nil
	}
	f, err := openFile(ctx, p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, cli.Exit(fmt.Sprintf("scan: %v", err), exitFailure)
	}
	stop := func() bool { return false }
	if !isRegular(f) {
		stop = context.AfterFunc(ctx, func() { f.Close() })
	}
	return f, func() { stop(); f.Close() }, nil
}

// openOut is openOutput without a context (tazala gen).
func openOut(p string, stdout io.Writer) (io.Writer, func(), error) {
	return openOutput(context.Background(), p, stdout)
}

// openFile opens p; when p is a FIFO, open(2) waits for the other end,
// so it runs in a goroutine and the wait ends with ctx.
func openFile(ctx context.Context, p string, flag int, perm os.FileMode) (*os.File, error) {
	if st, err := os.Stat(p); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		return os.OpenFile(p, flag, perm)
	}
	type res struct {
		f   *os.File
		err error
	}
	ch := make(chan res, 1)
	go func() {
		f, err := os.OpenFile(p, flag, perm)
		ch <- res{f, err}
	}()
	select {
	case r := <-ch:
		return r.f, r.err
	case <-ctx.Done():
		go func() { // close it should the other end still turn up
			if r := <-ch; r.f != nil {
				r.f.Close()
			}
		}()
		return nil, fmt.Errorf("open %s: interrupted while waiting for the other end of the FIFO", p)
	}
}

func isRegular(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}

// ctxReader reads r in its own goroutine, so a Read waiting on a pipe
// returns when ctx ends (the goroutine stays blocked until the process
// exits or data arrives). It costs one copy of the input.
type ctxReader struct {
	ctx  context.Context
	ch   chan chunk
	free chan []byte
	cur  []byte
	buf  []byte // backing buffer of cur, returned to free when consumed
	err  error
}

type chunk struct {
	b   []byte
	err error
}

func newCtxReader(ctx context.Context, r io.Reader) *ctxReader {
	c := &ctxReader{ctx: ctx, ch: make(chan chunk, 2), free: make(chan []byte, 3)}
	for i := 0; i < 3; i++ {
		c.free <- make([]byte, 256<<10)
	}
	go func() {
		for {
			var b []byte
			select {
			case b = <-c.free:
			case <-ctx.Done():
				return
			}
			n, err := r.Read(b)
			select {
			case c.ch <- chunk{b[:n], err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

func (c *ctxReader) Read(p []byte) (int, error) {
	for len(c.cur) == 0 {
		if c.buf != nil {
			c.free <- c.buf[:cap(c.buf)]
			c.buf = nil
		}
		if c.err != nil {
			return 0, c.err
		}
		select {
		case ch := <-c.ch:
			c.cur, c.buf, c.err = ch.b, ch.b, ch.err
		case <-c.ctx.Done():
			c.err = fmt.Errorf("read: interrupted: %w", c.ctx.Err())
			return 0, c.err
		}
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

// scanProtected lists the files scan reads besides its inputs, which no
// output may overwrite: the rules, the local key and the token vault.
func scanProtected(c *cli.Context) [][2]string {
	ps := [][2]string{{"--rules", c.String("rules")}}
	switch c.String("tokenizer") {
	case "local":
		k := c.String("key-file")
		if k == "" {
			k, _ = local.DefaultKeyPath()
		}
		ps = append(ps, [2]string{"--key-file", k})
	case "vault":
		ts := c.String("token-store")
		if ts == "" {
			ts = "tazala-tokens.jsonl"
		}
		ps = append(ps, [2]string{"--token-store", ts})
	}
	return ps
}

// outTarget is an output as scan holds it: the writer and the name given.
type outTarget struct {
	w    io.Writer
	name string
}

func (o outTarget) display() string {
	if o.name == "" || o.name == "-" {
		return "stdout"
	}
	return o.name
}

// scanRunErr turns the error of one input's scanfile.Run into the command's
// error, saying exactly what the outputs hold (issue 10, item 12): after a
// failed write (file too large, disk full) the partly written record or
// block is cut off again when the output is a regular file, so it ends on
// a whole record; otherwise the message says where it ends. before is the
// number of lines of earlier inputs.
func scanRunErr(ctx context.Context, in string, err error, before int64, out, findings outTarget) error {
	if ctx.Err() != nil {
		return cli.Exit(fmt.Sprintf("scan %s: interrupted (%v); the output holds what was written before", in, err), exitFailure)
	}
	var we *scanfile.WriteError
	if !errors.As(err, &we) {
		// tokenizer, token store, read or internal errors: the failed block
		// and every later one were not written
		return cli.Exit(fmt.Sprintf("scan %s: %v (nothing of the failed block was written)", in, err), exitFailure)
	}
	t := out
	if we.Stream == "findings" {
		t = findings
	}
	whole := before + we.Lines
	state := fmt.Sprintf("%s holds the %s of input lines 1-%d whole", t.display(), we.Stream, whole)
	if we.Cut > 0 {
		if terr := truncateBy(t.w, we.Cut); terr != nil {
			state += fmt.Sprintf(", then %d bytes of line %d on: the last record is cut (%v)", we.Cut, whole+1, terr)
		} else {
			state += fmt.Sprintf(" (the %d bytes written of the next ones were removed)", we.Cut)
		}
	}
	if we.Stream == "findings" {
		state += fmt.Sprintf("; %s holds the redacted lines of the failed block too", out.display())
	} else if findings.w != nil {
		state += fmt.Sprintf("; %s holds their findings", findings.display())
	}
	return cli.Exit(fmt.Sprintf("scan %s: write %s: %v; %s", in, t.display(), we.Err, state), exitFailure)
}

// truncateBy removes the last n bytes written to w, when w is a regular
// file (written at its current offset).
func truncateBy(w io.Writer, n int64) error {
	f, ok := w.(*os.File)
	if !ok || !isRegular(f) {
		return errors.New("not a regular file: cannot take it back")
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if n > off {
		return fmt.Errorf("cannot take back %d bytes of %d", n, off)
	}
	if err := f.Truncate(off - n); err != nil {
		return err
	}
	_, err = f.Seek(off-n, io.SeekStart)
	return err
}
