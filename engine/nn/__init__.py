"""The network: layer structure and summary (`specs`), the forward pass and the four
sensitivities over a table of layer kinds (`network`), activations, the C3 connection table,
finite-difference gradient checks and the layer kernels (`layers/`)."""
