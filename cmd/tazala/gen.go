package main

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/tazala/tazala/internal/synth"
	"github.com/urfave/cli/v2"
)

func genCommand() *cli.Command {
	return &cli.Command{
		Name:  "gen",
		Usage: "generate synthetic payment logs (made-up people, valid checksums) for demos and benchmarks",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "records", Aliases: []string{"n"}, Value: 1000, Usage: "number of records"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed (same seed, same output)"},
			&cli.Float64Flag{Name: "repeat", Value: 0.9, Usage: "share of records about returning customers"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "-", Usage: "output `FILE`"},
			&cli.StringFlag{Name: "truth", Usage: "also write the labels (score.py format) to `FILE`"},
		},
		Action: func(c *cli.Context) error {
			w, closeOut, err := openOut(c.String("out"), c.App.Writer)
			if err != nil {
				return err
			}
			defer closeOut()
			bw := bufio.NewWriterSize(w, 1<<20)
			var tw *bufio.Writer
			if p := c.String("truth"); p != "" {
				f, closeT, err := openOut(p, c.App.Writer)
				if err != nil {
					return err
				}
				defer closeT()
				tw = bufio.NewWriter(f)
			}
			g := synth.New(c.Uint64("seed"))
			g.Repeat = c.Float64("repeat")
			for i := 1; i <= c.Int("records"); i++ {
				r := g.Next()
				bw.Write(r.Line)
				bw.WriteByte('\n')
				if tw != nil {
					b := []byte(`{"line": ` + strconv.Itoa(i) + `, "spans": [`)
					for j, s := range r.Spans {
						if j > 0 {
							b = append(b, ", "...)
						}
						b = fmt.Appendf(b, `{"type": %q, "start": %d, "end": %d}`, s.Kind.String(), s.Start, s.End)
					}
					tw.Write(append(b, "]}\n"...))
				}
			}
			if tw != nil {
				if err := tw.Flush(); err != nil {
					return cli.Exit(fmt.Sprintf("gen: %v", err), exitFailure)
				}
			}
			if err := bw.Flush(); err != nil {
				return cli.Exit(fmt.Sprintf("gen: %v", err), exitFailure)
			}
			return nil
		},
	}
}
