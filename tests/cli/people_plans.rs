//! Rule fixtures of this family (being written).
