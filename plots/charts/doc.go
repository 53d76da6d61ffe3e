// Package charts draws the figures of studies: parameter sweeps,
// comparisons and one-at-a-time sensitivity analyses. Where package plots
// draws time series of one run, charts draws outcomes against parameters:
//
//   - [BandChart]: an outcome against one parameter, each series a line of
//     means with a shaded interval band ([RenderBand]);
//   - [Heatmap]: an outcome over two parameters, one coloured cell per pair
//     of swept values, with a colour bar ([RenderHeatmap]); with ZMin 0,
//     ZMax 1 and Annotate it is the "metastability map" of the share of
//     replications that stayed metastable, whose bright cells are the
//     vulnerable region;
//   - [Tornado]: for each parameter, the outcome at its lowest and highest
//     tried value against the baseline ([RenderTornado]).
//
// Comparisons of time series (a baseline and variants, each a mean over
// replications with a band) are plots figures: see plots.Line's Lo and Hi.
//
// Like plots, the package knows nothing about where its data come from:
// callers fill the chart types with plain values and get PNG or SVG bytes.
// It never touches files, the environment or the wall clock, and it draws
// in the house style of plots: the Okabe–Ito palette for lines and bars, a
// viridis-like sequential palette for heatmaps (perceptually uniform and
// readable with the common forms of colour blindness), Liberation Sans.
//
// Inputs are checked before anything is drawn: a bad chart is an error
// naming the offending value, never a panic. Rendering is deterministic:
// the same chart gives byte-identical output.
package charts
