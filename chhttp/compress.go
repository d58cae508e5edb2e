package chhttp

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/ClickHouse/ch-go/compress"
)

// nativeBlock is the size of the blocks of ClickHouse's own compression
// (compress=1), as the server cuts them.
const nativeBlock = 1 << 20

// compressResponse encodes out for the client: ClickHouse's block
// compression when the request says compress=1 (LZ4 unless
// network_compression_method=ZSTD), else gzip or deflate when it sets
// enable_http_compression=1 and accepts one. It returns the body and the
// Content-Encoding to send ("" for none).
func compressResponse(r *http.Request, q map[string][]string, out []byte) ([]byte, string, *chError) {
	if first(q["compress"]) == "1" {
		m := compress.LZ4
		if strings.EqualFold(first(q["network_compression_method"]), "ZSTD") {
			m = compress.ZSTD
		}
		w := compress.NewWriter(compress.LevelZero, m)
		var b []byte
		for len(out) > 0 {
			n := min(len(out), nativeBlock)
			if err := w.Compress(out[:n]); err != nil {
				return nil, "", newError(codeUnknownException, "compress: "+err.Error())
			}
			b = append(b, w.Data...)
			out = out[n:]
		}
		return b, "", nil
	}
	if first(q["enable_http_compression"]) != "1" {
		return out, "", nil
	}
	accept := strings.ToLower(r.Header.Get("Accept-Encoding"))
	var buf bytes.Buffer
	switch {
	case strings.Contains(accept, "gzip"):
		z := gzip.NewWriter(&buf)
		z.Write(out)
		z.Close()
		return buf.Bytes(), "gzip", nil
	case strings.Contains(accept, "deflate"):
		z := zlib.NewWriter(&buf) // HTTP's deflate is zlib-wrapped
		z.Write(out)
		z.Close()
		return buf.Bytes(), "deflate", nil
	}
	return out, "", nil
}

// decompressBody undoes ClickHouse's block compression of a request body
// (decompress=1).
func decompressBody(body []byte, limit int64) ([]byte, *chError) {
	b, err := io.ReadAll(io.LimitReader(compress.NewReader(bytes.NewReader(body)), limit+1))
	if err != nil && !errors.Is(err, io.EOF) { // the reader reports the end as a wrapped EOF
		return nil, newError(codeCannotParseInput, "decompress the body: "+err.Error())
	}
	if int64(len(b)) > limit {
		return nil, newError(codeTooLargeRequestBody, "request body too large once decompressed")
	}
	return b, nil
}
