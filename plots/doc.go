// Package plots turns result data into figures: stacked panels of time
// series that share one time axis, with events (faults, operator actions,
// alarms) marked across every panel, rendered as PNG or SVG.
//
// The package knows nothing about where its data come from: callers build a
// [Figure] from plain slices and call [Render] (bytes) or [RenderTo] (an
// io.Writer). It never touches files, the environment or the wall clock.
//
// A figure is laid out as, from top to bottom: the figure title; each panel
// (its title, for the top panel a lane of event labels, the plotting area);
// the time axis under the bottom panel; when the labels do not all fit in
// the lane without overlapping (or there are more than 12), a numbered key
// of the events, each numbered in a circle at the top of its line; and a
// key of the event kinds shown. No two labels, numbers or key entries ever
// overlap or leave the canvas (TestMarkerTextNeverOverlaps checks the
// boxes the drawing uses, on random markers and sizes). The zone of a
// clock axis is written once, in its label. [Figure.WithPixels] sizes a
// figure in pixels with text scaled to match.
// Each panel's legend sits to the right of its plotting area, so it never
// hides data. All plotting areas have the same width and x range, so a time
// lines up across panels.
//
// A line may carry a band (Line.Lo, Line.Hi): a translucent fill in its
// colour, drawn under every line, for comparing a baseline and variants
// that are each a mean over replications with an interval.
//
// Rendering is deterministic: the same Figure gives byte-identical output.
//
// Long series are decimated before drawing: the visible time range is cut
// into columns about one output pixel wide, and in each column only the
// first, lowest, highest and last points are kept, in their original order.
// The drawn line then looks the same as the full one at that resolution —
// in particular a one-sample spike still reaches its full height — while a
// 100k-point series costs a few thousand path segments. A band is
// decimated on the same columns to its envelope: each keeps the lowest Lo
// and the highest Hi of its points.
//
// Figures of studies (outcomes against swept parameters, heatmaps,
// sensitivity tornadoes) are in the subpackage plots/charts.
package plots
