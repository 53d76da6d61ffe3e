package plots

import "math"

// decimate thins a gap-free series (x non-decreasing) for drawing on an axis
// over [x0, x1] that is cols pixels wide. Each pixel column keeps only its
// first, lowest, highest and last points, in their original order, so the
// drawn line looks the same at that resolution: spikes keep their height
// and steps their position. Points left and right of the axis collapse into
// one column each, which keeps the line's way into and out of view. A series
// of at most 4·cols points is returned as it is.
func decimate(x, y []float64, x0, x1 float64, cols int) ([]float64, []float64) {
	if cols < 1 || len(x) <= 4*cols || !(x1 > x0) {
		return x, y
	}
	scale := float64(cols) / (x1 - x0)
	column := func(v float64) int {
		c := math.Floor((v - x0) * scale)
		switch {
		case c < 0:
			return -1
		case c >= float64(cols):
			return cols
		}
		return int(c)
	}
	ox := make([]float64, 0, 4*(cols+2))
	oy := make([]float64, 0, 4*(cols+2))
	flush := func(first, lo, hi, last int) {
		idx := [4]int{first, lo, hi, last}
		// Sort the four indices (insertion sort) and drop repeats.
		for i := 1; i < 4; i++ {
			for j := i; j > 0 && idx[j] < idx[j-1]; j-- {
				idx[j], idx[j-1] = idx[j-1], idx[j]
			}
		}
		for i, k := range idx {
			if i > 0 && k == idx[i-1] {
				continue
			}
			ox = append(ox, x[k])
			oy = append(oy, y[k])
		}
	}
	col := column(x[0])
	first, lo, hi := 0, 0, 0
	for i := 1; i < len(x); i++ {
		c := column(x[i])
		if c != col {
			flush(first, lo, hi, i-1)
			col, first, lo, hi = c, i, i, i
			continue
		}
		if y[i] < y[lo] {
			lo = i
		}
		if y[i] > y[hi] {
			hi = i
		}
	}
	flush(first, lo, hi, len(x)-1)
	return ox, oy
}
