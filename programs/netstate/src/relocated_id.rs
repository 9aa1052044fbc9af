// The program id of the `relocated` build (tests/relocated): this source compiled at a
// second address, as `anchor keys sync` does for a deployment of your own. The tests load it
// beside the default build to show that the client, the CLI and the local node follow the
// program id they are given. Kept out of lib.rs so that `anchor keys sync` rewrites only
// the one `declare_id!` there.
declare_id!("DcbEsgtau8Ju7wPyuqCLu3xDmKJd81mH8JSQRdPGYEMh");
