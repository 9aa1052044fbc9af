//! Integration tests of the netstate program, one module per domain, each test named
//! after the behaviour it proves.

mod society_create;
