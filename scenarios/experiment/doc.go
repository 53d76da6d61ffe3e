// Package experiment runs studies: many runs of one scenario over a grid
// of parameter values (a sweep), a baseline and its variants on the same
// seeds (a comparison), or one parameter at a time around a baseline (a
// sensitivity study), each combination replicated over seeds.
//
// A study is planned before anything runs: every combination is decoded and
// built (cheap next to running it), so a bad value fails the study up front
// and the columns of runs.csv, the union of every combination's figures,
// are fixed before the first row. Run i is combination i / reps and
// replication i % reps; replication r of every combination runs with the
// same seed, [ReplicationSeed](S, r) (common random numbers: differences
// between cells are not seed noise).
//
// Runs execute in parallel in one process and are handed back in index
// order, whatever the order they finish in, so everything written from them
// is byte-identical whatever the number of workers. Rows are streamed: the
// memory a study takes does not grow with its number of runs.
//
// Like the rest of scenarios, the package touches no files, signals or
// clock: it reads and writes through io.Reader, io.Writer and io.ReaderAt,
// and its caller (cmd/cascade) owns the study folder.
package experiment
