//! A node that answers with something the client does not read gets a named error, never a
//! zero: here a JSON-RPC server that answers every request with one fixed answer. Also what
//! `netstate_client::scan` decodes from a well-formed answer.

use std::io::{BufRead, BufReader, Read, Write};

use netstate_client::prelude::Pubkey;
use netstate_client::scan::program_accounts;
use netstate_client::solana_client::nonblocking::rpc_client::RpcClient;
use netstate_client::solana_client::rpc_config::RpcProgramAccountsConfig;
use netstate_client::{ClientError, NetstateClient};

/// Serves `answer` as the JSON-RPC result of every request, on a free local port.
fn answering(answer: &'static str) -> String {
    serving(format!(
        "{{\"jsonrpc\":\"2.0\",\"result\":{answer},\"id\":1}}"
    ))
}

/// Serves `reply` as the whole JSON-RPC answer to every request, on a free local port.
fn serving(reply: String) -> String {
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

async fn scan(body: &'static str) -> Result<Vec<(Pubkey, Vec<u8>)>, ClientError> {
    let rpc = RpcClient::new(serving(body.to_string()));
    program_accounts(
        &rpc,
        &netstate_client::PROGRAM_ID,
        RpcProgramAccountsConfig::default(),
        |address, data| Ok((address, data.to_vec())),
    )
    .await
}

#[tokio::test]
async fn accounts_are_decoded_and_a_wrong_answer_is_named() {
    let key = Pubkey::new_from_array([3; 32]);
    let body: &'static str = Box::leak(
        format!(
            r#"{{"jsonrpc":"2.0","id":1,"result":[{{"pubkey":"{key}","account":{{"data":["AQID","base64"],"executable":false,"lamports":1,"owner":"{key}","rentEpoch":0,"space":3}}}}]}}"#
        )
        .into_boxed_str(),
    );
    assert_eq!(scan(body).await.unwrap(), vec![(key, vec![1, 2, 3])]);

    let refused = scan(r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid param: too many filters"}}"#)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, ClientError::Rpc(_)) && refused.to_string().contains("too many filters"),
        "{refused}"
    );

    let neither = scan(r#"{"jsonrpc":"2.0","id":1}"#).await.unwrap_err();
    assert!(
        matches!(&neither, ClientError::UnexpectedAnswer { request: "getProgramAccounts", answer } if answer.contains("neither")),
        "{neither}"
    );

    let not_base64 = scan(r#"{"jsonrpc":"2.0","id":1,"result":[{"pubkey":"11111111111111111111111111111111","account":{"data":["%%%","base64"]}}]}"#)
        .await
        .unwrap_err();
    assert!(
        not_base64.to_string().contains("is not Base64"),
        "{not_base64}"
    );

    let not_an_address = scan(r#"{"jsonrpc":"2.0","id":1,"result":[{"pubkey":"nope","account":{"data":["AQID","base64"]}}]}"#)
        .await
        .unwrap_err();
    assert!(
        not_an_address
            .to_string()
            .contains("\"nope\" is not an address"),
        "{not_an_address}"
    );
}
