package scenarios

// buildDetection creates the scenario's detectors and operators.
func (b *builder) buildDetection() error {
	return nil
}
