using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Policy;
using SigninToSlack.Processing;

namespace SigninToSlack.Tests.Support;

/// <summary>Processors for tests of what comes before delivery: the default policy, every alert to one sink.</summary>
internal static class Processors
{
    public static SigninProcessor To(IPayloadSink sink) =>
        new(new AlertPolicy(PolicySettings.Default), new SlackDelivery(new AlertRouter(null, RouteSettings.None, (_, _) => sink), null, new DeliveryLedger(TimeProvider.System)));
}
