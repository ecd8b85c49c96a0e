//! Legitimacy: the official's form for publishing a batch of the illegal-organization list
//! (`forms`). The list's kinds (`IllegalKind`) live with the registry's types.

pub mod forms;
