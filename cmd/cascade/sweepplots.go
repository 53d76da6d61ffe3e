package main

import "github.com/cascade-sim/cascade/scenarios/experiment"

// writeStudyPlots draws the plotted figures against the axes.
func writeStudyPlots(p *experiment.Plan, folder *studyFolder, cells *plotCells, formats []string) ([]string, []string, error) {
	return nil, []string{"plots: not drawn yet"}, nil
}
