pub mod masking_harness;
