"""The network: layer structure and summary (`specs`), the table of layer kinds (`kinds`),
the forward pass and the four sensitivities over it (`network`), activations, the C3
connection table, finite-difference gradient checks and the layer kernels (`layers/`)."""
