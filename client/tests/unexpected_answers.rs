//! A node that answers with something the client does not read gets a named error, never a
//! zero: here a JSON-RPC server that answers every request with an empty object.

use std::io::{BufRead, BufReader, Read, Write};

use netstate_client::{ClientError, NetstateClient};

/// Serves `answer` as the JSON-RPC result of every request, on a free local port.
fn answering(answer: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let reply = format!("{{\"jsonrpc\":\"2.0\",\"result\":{answer},\"id\":1}}");
            let mut stream = reader.into_inner();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                reply.len()
            );
        }
    });
    url
}

#[tokio::test]
async fn a_clock_warp_answered_without_a_time_is_named() {
    let client = NetstateClient::new(answering("{}"), netstate_client::PROGRAM_ID);
    let error = client.warp_clock(60).await.unwrap_err();
    assert!(
        matches!(
            &error,
            ClientError::UnexpectedAnswer {
                request: "netstate_warpClock",
                answer
            } if answer == "{}"
        ),
        "{error}"
    );
    assert!(error.to_string().contains("not what this client reads"));
}
