// Architecture features (spec/features.xml) as the CPU model has them.
// The generator declares `enumeration Feature { FEAT_FP, ... }` from
// features.xml; encodings are gated by their page's feature attribute, and
// pseudocode asks here where behaviour depends on a feature.

__pure_primitive boolean IsFeatureImplemented(Feature f);
