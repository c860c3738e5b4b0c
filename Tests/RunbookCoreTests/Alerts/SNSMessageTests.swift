import Foundation
import Testing

@testable import RunbookCore

struct SNSMessageTests {
    @Test func notificationStringToSignFollowsAWSOrder() throws {
        let body = """
            {"Type": "Notification", "MessageId": "id-1", "TopicArn": "arn:aws:sns:eu-west-1:1:t",
             "Subject": "ALARM: x", "Message": "line one\\nline two", "Timestamp": "2026-05-04T08:00:01.000Z",
             "SignatureVersion": "1", "Signature": "c2ln", "SigningCertURL": "https://sns.example/cert.pem",
             "UnsubscribeURL": "https://sns.example/unsubscribe"}
            """
        let message = try SNSMessage(Data(body.utf8))
        #expect(message.type == "Notification")
        #expect(message.signatureVersion == "1")
        #expect(message.unsubscribeURL == "https://sns.example/unsubscribe")
        #expect(
            message.stringToSign
                == "Message\nline one\nline two\nMessageId\nid-1\nSubject\nALARM: x\n"
                + "Timestamp\n2026-05-04T08:00:01.000Z\nTopicArn\narn:aws:sns:eu-west-1:1:t\nType\nNotification\n")
    }

    @Test func notificationWithoutSubjectLeavesItOut() {
        let message = SNSMessage(type: "Notification", messageID: "m", topicARN: "t", message: "x", timestamp: "ts")
        #expect(message.stringToSign == "Message\nx\nMessageId\nm\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n")
    }

    @Test(arguments: ["SubscriptionConfirmation", "UnsubscribeConfirmation"])
    func confirmationStringToSignIncludesSubscribeURLAndToken(type: String) {
        let message = SNSMessage(
            type: type, messageID: "m", topicARN: "t", subject: "ignored", message: "hello", timestamp: "ts",
            subscribeURL: "https://sns.example/confirm", token: "tok")
        #expect(
            message.stringToSign
                == "Message\nhello\nMessageId\nm\nSubscribeURL\nhttps://sns.example/confirm\nTimestamp\nts\n"
                + "Token\ntok\nTopicArn\nt\nType\n\(type)\n")
    }

    @Test func confirmationWithoutTokenIsAnError() {
        let body = """
            {"Type": "SubscriptionConfirmation", "MessageId": "m", "TopicArn": "t", "Message": "x",
             "Timestamp": "ts", "SubscribeURL": "https://sns.example/confirm"}
            """
        let error = #expect(throws: AlertDecodingError.self) { try SNSMessage(Data(body.utf8)) }
        #expect(error?.field == "Token")
    }
}
