package models

import "github.com/cascade-sim/cascade/models/knob"

// Discipline is the order in which a queue serves waiting requests.
type Discipline uint8

const (
	// FIFO serves the request that waited longest.
	FIFO Discipline = iota
	// LIFO serves the request that arrived last.
	LIFO
)

// String names the discipline.
func (d Discipline) String() string {
	if d == LIFO {
		return "lifo"
	}
	return "fifo"
}

// Choices lists the disciplines as a scenario file writes them.
func (Discipline) Choices() []string { return []string{"fifo", "lifo"} }

// UnmarshalText reads a discipline as a scenario file writes it.
func (d *Discipline) UnmarshalText(text []byte) error {
	i, err := knob.ParseChoice(d.Choices(), string(text))
	if err != nil {
		return err
	}
	*d = Discipline(i)
	return nil
}

// requestQueue is a growable ring buffer of requests.
type requestQueue struct {
	buf        []*Request
	head, size int
}

func (q *requestQueue) len() int { return q.size }

func (q *requestQueue) push(r *Request) {
	if q.size == len(q.buf) {
		n := 2 * len(q.buf)
		if n == 0 {
			n = 16
		}
		buf := make([]*Request, n)
		for i := 0; i < q.size; i++ {
			buf[i] = q.buf[(q.head+i)%len(q.buf)]
		}
		q.buf, q.head = buf, 0
	}
	q.buf[(q.head+q.size)%len(q.buf)] = r
	q.size++
}

// take removes the next request in the given discipline.
func (q *requestQueue) take(d Discipline) *Request {
	var r *Request
	if d == LIFO {
		i := (q.head + q.size - 1) % len(q.buf)
		r, q.buf[i] = q.buf[i], nil
	} else {
		r, q.buf[q.head] = q.buf[q.head], nil
		q.head = (q.head + 1) % len(q.buf)
	}
	q.size--
	return r
}
