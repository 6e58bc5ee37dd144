"""Programme certificates in the app: a programme's own small certification authority (create
it, give its root to buyers, issue suppliers' certificates from their requests, revoke, write
the revocation list), and the programmes a buyer trusts."""
