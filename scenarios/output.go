package scenarios

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// WriteSummary writes the summary as indented JSON, with Format set to
// SummaryFormat.
func (r *Result) WriteSummary(w io.Writer) error {
	r.Summary.Format = SummaryFormat
	b, err := json.MarshalIndent(r.Summary, "", "  ")
	if err != nil {
		if p := nonFinite(r.Summary); p != "" {
			return fmt.Errorf("encoding summary: %s (a bug in the measures: please report it with the scenario and seed)", p)
		}
		return fmt.Errorf("encoding summary: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// WriteSeries writes every series in long format: a header, then one row
// "time_s,component,metric,value" per step and series, time_s being the
// start of the step. Steps without data (NaN) are left out.
func (r *Result) WriteSeries(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("time_s,component,metric,value\n")
	step := r.Step.Seconds()
	buf := make([]byte, 0, 128)
	for _, s := range r.Series {
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			buf = buf[:0]
			buf = strconv.AppendFloat(buf, float64(i)*step, 'g', -1, 64)
			buf = append(buf, ',')
			buf = appendCSV(buf, s.Component)
			buf = append(buf, ',')
			buf = appendCSV(buf, s.Metric)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			buf = append(buf, '\n')
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// WriteEvents writes the event log as CSV: time_s, clock, kind, subject,
// by, since_s, message (docs/outputs.md).
func (r *Result) WriteEvents(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("time_s,clock,kind,subject,by,since_s,message\n")
	buf := make([]byte, 0, 256)
	var clock *spec.Clock
	if r.Spec != nil {
		clock = r.Spec.Clock
	}
	for _, e := range r.Events {
		buf = buf[:0]
		buf = strconv.AppendFloat(buf, e.At.Seconds(), 'g', -1, 64)
		buf = append(buf, ',')
		if clock != nil {
			// The wall-clock time in the scenario's offset, to the
			// nanosecond like time_s.
			buf = clock.Start.Add(e.At).AppendFormat(buf, "2006-01-02T15:04:05.999999999Z07:00")
		}
		buf = append(buf, ',')
		buf = appendCSV(buf, string(e.Kind))
		buf = append(buf, ',')
		buf = appendCSV(buf, e.Subject)
		buf = append(buf, ',')
		buf = appendCSV(buf, e.By)
		buf = append(buf, ',')
		if e.Kind.IsSpan() {
			buf = strconv.AppendFloat(buf, e.Since.Seconds(), 'g', -1, 64)
		}
		buf = append(buf, ',')
		buf = appendCSV(buf, e.Message)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	return bw.Flush()
}

// appendCSV appends a CSV field, quoted if it needs to be (RFC 4180).
func appendCSV(buf []byte, s string) []byte {
	quote := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\n', '\r':
			quote = true
		}
	}
	if !quote {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}
