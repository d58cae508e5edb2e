package scanfile

import (
	"io"
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

// outWriter writes a batch's output buffers in turn: to a file with
// vectored writes (writev, up to iovMax buffers a call), so bytes of the
// input are written from where they were read, never copied; to any other
// writer one Write per buffer.
type outWriter struct {
	iov []syscall.Iovec
}

// iovMax is the most buffers one writev takes (IOV_MAX on Linux).
const iovMax = 1024

// write writes bufs to w in order and returns how many bytes were
// written, all of them unless the error is not nil.
func (ow *outWriter) write(w io.Writer, bufs [][]byte) (int, error) {
	if f, ok := w.(*os.File); ok && len(bufs) > 1 {
		if rc, err := f.SyscallConn(); err == nil {
			return ow.writev(rc, bufs)
		}
	}
	n := 0
	for _, b := range bufs {
		m, err := w.Write(b)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (ow *outWriter) writev(rc syscall.RawConn, bufs [][]byte) (int, error) {
	total := 0
	var werr error
	for len(bufs) > 0 {
		k := min(len(bufs), iovMax)
		ow.iov = ow.iov[:0]
		want := 0
		for _, b := range bufs[:k] {
			if len(b) == 0 {
				continue
			}
			v := syscall.Iovec{Base: &b[0]}
			v.SetLen(len(b))
			ow.iov = append(ow.iov, v)
			want += len(b)
		}
		n := 0
		if len(ow.iov) > 0 {
			err := rc.Write(func(fd uintptr) bool {
				for {
					r, _, e := syscall.Syscall(syscall.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&ow.iov[0])), uintptr(len(ow.iov)))
					switch e {
					case 0:
						n = int(r)
					case syscall.EINTR:
						continue
					case syscall.EAGAIN:
						return false // a non-blocking pipe or socket: wait until writable
					default:
						werr = e
					}
					return true
				}
			})
			runtime.KeepAlive(bufs)
			clear(ow.iov) // no reference to the batch's buffers
			if werr == nil && err != nil {
				werr = err
			}
		}
		total += n
		if werr != nil {
			return total, &os.PathError{Op: "writev", Err: werr}
		}
		if n < want {
			if n == 0 {
				return total, io.ErrShortWrite
			}
			// a short write: go on from the first byte not written
			bufs = advance(bufs, n)
			continue
		}
		bufs = bufs[k:]
	}
	return total, nil
}

// advance drops the first n bytes of bufs (fewer than they hold).
func advance(bufs [][]byte, n int) [][]byte {
	for n > 0 && len(bufs) > 0 {
		if n < len(bufs[0]) {
			rest := append([][]byte{bufs[0][n:]}, bufs[1:]...)
			return rest
		}
		n -= len(bufs[0])
		bufs = bufs[1:]
	}
	return bufs
}
