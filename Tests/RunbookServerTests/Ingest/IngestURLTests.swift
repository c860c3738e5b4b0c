import Foundation
import RunbookCore
import Testing

@testable import RunbookServer

struct IngestURLTests {
    @Test
    func theURLNamesTheSourceAndIntegrationAndCarriesTheToken() {
        let url = IngestURL.url(base: "https://runbook.example.com/", integration: "am-prod", source: .alertmanager,
                                token: "rbi_abc-DEF_1")
        #expect(url == "https://runbook.example.com/api/v1/ingest/alertmanager/am-prod?token=rbi_abc-DEF_1")
    }

    @Test
    func withoutATokenTheURLHasNoQuery() {
        #expect(IngestURL.url(base: "http://127.0.0.1:8080", integration: "aws", source: .cloudwatch, token: nil)
            == "http://127.0.0.1:8080/api/v1/ingest/cloudwatch/aws")
    }

    @Test(arguments: [
        ("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem", true, true),
        ("https://sns.us-gov-west-1.amazonaws.com/x.pem", true, true),
        ("https://SNS.EU-WEST-1.AMAZONAWS.COM/x.pem", true, true),
        ("https://sns.eu-west-1.amazonaws.com:443/x.pem", true, true),
        ("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription", false, true),
        ("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription", true, false),
        ("http://sns.eu-west-1.amazonaws.com/x.pem", true, false),
        ("https://sns.eu-west-1.amazonaws.com.evil.test/x.pem", true, false),
        ("https://evil.test/sns.eu-west-1.amazonaws.com/x.pem", true, false),
        ("https://sns.amazonaws.com/x.pem", true, false),
        ("https://sns.eu.west.amazonaws.com/x.pem", true, false),
        ("https://user@sns.eu-west-1.amazonaws.com/x.pem", true, false),
        ("https://sns.eu-west-1.amazonaws.com:8443/x.pem", true, false),
        ("https://s3.eu-west-1.amazonaws.com/x.pem", true, false),
        ("https://sns.\u{FF35}\u{FF33}.amazonaws.com/x.pem", true, false),
        ("https://sns.\u{FF55}\u{FF53}-east-1.amazonaws.com/x.pem", true, false),
        ("https://sns.eu-west-1.amazonaws.com\u{3002}/x.pem", true, false),
        ("https://sns.eu-west-1.amazonaws.com/x\u{202E}.pem", true, false),
        ("https://sns.eu-west-1.amazonaws.com/x .pem", true, false),
    ])
    func onlySNSHostsOverHTTPSAreFetched(url: String, requirePEM: Bool, allowed: Bool) {
        #expect((SNSEndpointURL.allowed(url, requirePEM: requirePEM) != nil) == allowed)
    }
}
