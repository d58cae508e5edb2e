package main

import (
	"bufio"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/urfave/cli/v2"
)

// runDev runs the dev command in-process (it is registered in main.go's
// commands(); this builds its own app so it does not depend on that).
func runDev(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	app := newApp(strings.NewReader(""), stdout, stderr)
	app.Commands = []*cli.Command{devCommand()}
	return app.RunContext(ctx, append([]string{"tazala"}, args...))
}

func TestDevBroker(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runDev(ctx, []string{"dev", "broker", "--addr", "127.0.0.1:0", "--topics", "a, b", "--partitions", "2", "--log-level", "none"}, pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		t.Fatalf("no banner: %v", <-done)
	}
	m := regexp.MustCompile(`listening on (\S+) `).FindStringSubmatch(sc.Text())
	if m == nil {
		t.Fatalf("banner %q", sc.Text())
	}
	go io.Copy(io.Discard, pr)
	addr := m[1]
	conn, err := kafka.DialContext(ctx, "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := conn.ReadPartitions("a", "b")
	conn.Close()
	if err != nil || len(parts) != 4 {
		t.Fatalf("partitions of a and b: %d, %v; want 4", len(parts), err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("broker exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("broker did not stop on cancel")
	}
}

func TestDevBrokerUsage(t *testing.T) {
	for _, args := range [][]string{
		{"dev", "broker", "--partitions", "0"},
		{"dev", "broker", "--log-level", "loud"},
		{"dev", "broker", "extra"},
		{"dev", "broker", "--addr", "10.0.0.1:9092"},
	} {
		err := runDev(context.Background(), args, io.Discard, io.Discard)
		ec, ok := err.(cli.ExitCoder)
		if !ok {
			t.Errorf("%v: %v, want an exit error", args, err)
			continue
		}
		want := exitUsage
		if args[2] == "--addr" {
			want = exitFailure
		}
		if ec.ExitCode() != want {
			t.Errorf("%v: exit %d (%v), want %d", args, ec.ExitCode(), err, want)
		}
	}
}
