package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanfile"
	"github.com/tazala/tazala/scanner"
	"github.com/urfave/cli/v2"
)

// scanStoreFlag is scan's --store: no environment default, so a scan
// writes files unless asked otherwise.
func scanStoreFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "store", Usage: "write redacted records and findings into the store `URL` (chdb:DIR) instead of --out/--findings: source = file name, offset = line number"}
}

// Batches of lines handed to the processor.
const (
	storeBatchRecords = 16384
	storeBatchBytes   = 16 << 20
	// maxStoreRecord is the longest line scanned into the store (whole,
	// not in windows); a longer one stops the scan with an error naming
	// its line.
	maxStoreRecord = 256 << 20
)

// scanToStore scans inputs into the store at --store through the one
// processing step (pipeline.Processor): records go to redacted_records,
// findings to pii_index, reversible copies to the store's token vault;
// the policy decides purposes and the erasure ledger keeps erased
// subjects out.
func scanToStore(c *cli.Context, inputs []string, scfg scanner.Config, red *redact.Redactor, tok tazala.Tokenizer) error {
	if c.IsSet("out") || c.IsSet("findings") {
		return usageErr("scan: --store writes records and findings into the store; drop --out and --findings")
	}
	ctx := c.Context
	scfg.Paths = true // the discovery index records where in a record each finding is
	st, err := openStore(ctx, c.String("store"))
	if err != nil {
		return err
	}
	defer st.Close()
	proc, err := pipeline.NewProcessor(pipeline.ProcessorConfig{
		Scanner: scfg, Redactor: red, Tokenizer: tok,
		TokenStore: st.Tokens,
		Policy:     policy.NewClassifier(nil),
		Erasure:    policy.NewLedger(policy.LedgerConfig{DB: st.DB, MaxAge: time.Minute}),
	})
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	start := time.Now()
	var total scanfile.Stats
	for _, in := range inputs {
		r, info, closeIn, err := openInput(ctx, in, c.App.Reader)
		if err != nil {
			return err
		}
		evTime := time.Now()
		if in != "-" {
			if fi, err := os.Stat(in); err == nil {
				evTime = fi.ModTime()
			}
		}
		s, err := scanReaderToStore(ctx, r, info.name, evTime, proc, st.Sink)
		closeIn()
		total.Add(s)
		if err != nil {
			return cli.Exit(fmt.Sprintf("scan %s: %v (the store holds the lines before line %d of this input)", info.name, err, s.Lines+1), exitFailure)
		}
		if !c.Bool("quiet") {
			printInputNotes(c.App.ErrWriter, info)
		}
	}
	if !c.Bool("quiet") {
		printSummary(c.App.ErrWriter, total, time.Since(start))
		fmt.Fprintf(c.App.ErrWriter, "  stored in %s (tables redacted_records, pii_index; tazala query --store %s findings-per-day)\n", st.URL, st.URL)
		printTokenizerStats(c.App.ErrWriter, tok)
	}
	if c.Bool("fail-on-findings") && total.Findings > 0 {
		return cli.Exit("", exitFindings)
	}
	return nil
}

// storeBatch is one batch of lines: its records alias buf.
type storeBatch struct {
	recs  []tazala.Record
	buf   []byte
	outs  []tazala.Output
	err   error
	bytes int64
	done  chan struct{}
}

// scanReaderToStore reads r line by line (offset = 1-based line number),
// processes batches on all cores and writes them to sink in order. The
// returned Stats count the lines written.
func scanReaderToStore(ctx context.Context, r io.Reader, source string, evTime time.Time, proc *pipeline.Processor, sink tazala.Sink) (scanfile.Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	order := make(chan *storeBatch, workers)
	jobs := make(chan *storeBatch, workers)
	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		readErr = readBatches(ctx, r, source, evTime, func(b *storeBatch) bool {
			select {
			case order <- b:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- b:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.outs, b.err = proc.Process(ctx, b.recs)
				close(b.done)
			}
		}()
	}
	var st scanfile.Stats
	var err error
	for b := range order {
		<-b.done
		if err != nil {
			continue
		}
		if b.err != nil {
			err = b.err
		} else if werr := sink.Write(ctx, b.outs); werr != nil {
			err = fmt.Errorf("store: %w", werr)
		} else {
			st.Lines += int64(len(b.recs))
			st.Bytes += b.bytes
			for i := range b.outs {
				o := &b.outs[i]
				st.Findings += int64(len(o.Findings))
				for _, f := range o.Findings {
					if f.Kind.Valid() {
						st.ByKind[f.Kind]++
					}
				}
				if !utf8.Valid(b.recs[i].Value) {
					st.InvalidUTF8++
				}
			}
		}
		if err != nil {
			cancel()
		}
	}
	wg.Wait()
	if err == nil && readErr != nil {
		err = readErr
	}
	return st, err
}

// readBatches cuts r into batches of whole lines and hands each to emit
// (which returns false to stop).
func readBatches(ctx context.Context, r io.Reader, source string, evTime time.Time, emit func(*storeBatch) bool) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var line int64
	newBatch := func() *storeBatch {
		return &storeBatch{buf: make([]byte, 0, storeBatchBytes+storeBatchBytes/4), done: make(chan struct{})}
	}
	b := newBatch()
	type span struct{ a, z int }
	var spans []span
	flush := func() bool {
		if len(spans) == 0 {
			return true
		}
		b.recs = make([]tazala.Record, len(spans))
		for i, s := range spans {
			b.recs[i] = tazala.Record{Source: source, Offset: line - int64(len(spans)) + int64(i) + 1, Value: b.buf[s.a:s.z:s.z], Time: evTime}
		}
		ok := emit(b)
		b, spans = newBatch(), spans[:0]
		return ok
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := len(b.buf)
		var err error
		for {
			var frag []byte
			frag, err = br.ReadSlice('\n')
			b.buf = append(b.buf, frag...)
			if len(b.buf)-a > maxStoreRecord {
				return fmt.Errorf("line %d is longer than %d MiB", line+1, maxStoreRecord>>20)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if len(b.buf) > a {
			z := len(b.buf)
			b.bytes += int64(z - a)
			if b.buf[z-1] == '\n' {
				z--
			}
			line++
			spans = append(spans, span{a, z})
		}
		if err == io.EOF {
			flush()
			return nil
		}
		if err != nil {
			return fmt.Errorf("read after line %d: %w", line, err)
		}
		if len(spans) >= storeBatchRecords || len(b.buf) >= storeBatchBytes {
			if !flush() {
				return ctx.Err()
			}
		}
	}
}
