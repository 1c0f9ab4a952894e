package dev.ocrbridge.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.component.TencentOcrConfiguration;
import dev.ocrbridge.component.TencentOcrEndpoint;
import dev.ocrbridge.operations.OcrDispositions;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter in a Spring Boot application context with Camel's own auto-configuration, its classes found through
 * the AutoConfiguration.imports file as an application finds them.
 */
class TencentOcrComponentAutoConfigurationTest {

    private static final String PREFIX = "camel.component.tencent-ocr.";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class))
            .withConfiguration(AutoConfigurations.of(startersAutoConfigurations()));

    @Test
    void propertiesReachTheComponentAndEveryEndpoint() {
        runner.withPropertyValues(PREFIX + "endpoint-url=http://127.0.0.1:9400", PREFIX + "region=ap-hongkong",
                PREFIX + "language=zh-CN", PREFIX + "rate=3", PREFIX + "pacing-period-millis=2000",
                PREFIX + "connect-timeout=1234", PREFIX + "return-head-image=true", PREFIX + "pre-check=false",
                PREFIX + "dispositions=FailedOperation.OcrFailed=retry",
                PREFIX + "secret-id=AKIDcomponentProperty0123456789",
                PREFIX + "secret-key=componentPropertyKey0123456789").run(context -> {
            TencentOcrConfiguration component = component(context).getConfiguration();
            assertThat(component.getEndpointUrl()).isEqualTo("http://127.0.0.1:9400");
            assertThat(component.getRegion()).isEqualTo("ap-hongkong");
            assertThat(component.getLanguage()).isEqualTo("zh-CN");
            assertThat(component.getRate()).isEqualTo(3);
            assertThat(component.getPacingPeriodMillis()).isEqualTo(2000);
            assertThat(component.getConnectTimeout()).isEqualTo(1234);
            assertThat(component.isReturnHeadImage()).isTrue();
            assertThat(component.isPreCheck()).isFalse();
            assertThat(component.getDispositions()).isEqualTo("FailedOperation.OcrFailed=retry");

            TencentOcrConfiguration endpoint = context.getBean(CamelContext.class)
                    .getEndpoint("tencent-ocr:RecognizeHealthCodeOCR?rate=2", TencentOcrEndpoint.class)
                    .getConfiguration();
            assertThat(endpoint.getEndpointUrl()).isEqualTo("http://127.0.0.1:9400");
            assertThat(endpoint.getRegion()).isEqualTo("ap-hongkong");
            assertThat(endpoint.isReturnHeadImage()).isTrue();
            assertThat(endpoint.getSecretId()).isEqualTo("AKIDcomponentProperty0123456789");
            assertThat(endpoint.getRate()).as("the URI's option wins").isEqualTo(2);
        });
    }

    @Test
    void unsetPropertiesKeepTheComponentsDefaults() {
        runner.run(context -> {
            TencentOcrConfiguration component = component(context).getConfiguration();
            TencentOcrConfiguration defaults = new TencentOcrConfiguration();
            assertThat(component.getEndpointUrl()).isEqualTo(defaults.getEndpointUrl());
            assertThat(component.getLanguage()).isEqualTo(defaults.getLanguage());
            assertThat(component.getPacingPeriodMillis()).isEqualTo(defaults.getPacingPeriodMillis());
            assertThat(component.getMaxBase64Bytes()).isEqualTo(defaults.getMaxBase64Bytes());
            assertThat(component.getResponseTimeout()).isEqualTo(defaults.getResponseTimeout());
            assertThat(component.isPreCheck()).isEqualTo(defaults.isPreCheck());
            assertThat(component.getRegion()).isNull();
            assertThat(component.getRate()).isNull();
        });
    }

    @Test
    void aQuotaDataSourceIsNamedAsASpringBean() {
        runner.withUserConfiguration(QuotaDataSource.class)
              .withPropertyValues(PREFIX + "quota-data-source=#bean:ocrQuota").run(context ->
                assertThat(component(context).getConfiguration().getQuotaDataSource())
                        .isSameAs(context.getBean("ocrQuota")));
    }

    @Test
    void credentialsComeFromTencentCloudNamesInSpringsEnvironment() {
        // properties of the application, not the process environment: what the component alone cannot see
        runner.withPropertyValues("TENCENTCLOUD_SECRET_ID=AKIDspringEnvironment0123456789",
                "TENCENTCLOUD_SECRET_KEY=springEnvironmentKey0123456789", "TENCENTCLOUD_SESSION_TOKEN=token-1")
              .run(context -> {
                  TencentOcrConfiguration component = component(context).getConfiguration();
                  assertThat(component.getSecretId()).isEqualTo("AKIDspringEnvironment0123456789");
                  assertThat(component.getSecretKey()).isEqualTo("springEnvironmentKey0123456789");
                  assertThat(component.getSessionToken()).isEqualTo("token-1");
              });
    }

    @Test
    void componentPropertiesWinOverTencentCloudNamesAndTakeNoTokenFromThem() {
        runner.withPropertyValues("TENCENTCLOUD_SECRET_ID=AKIDspringEnvironment0123456789",
                "TENCENTCLOUD_SECRET_KEY=springEnvironmentKey0123456789", "TENCENTCLOUD_SESSION_TOKEN=token-1",
                PREFIX + "secret-id=AKIDcomponentProperty0123456789",
                PREFIX + "secret-key=componentPropertyKey0123456789")
              .run(context -> {
                  TencentOcrConfiguration component = component(context).getConfiguration();
                  assertThat(component.getSecretId()).isEqualTo("AKIDcomponentProperty0123456789");
                  assertThat(component.getSecretKey()).isEqualTo("componentPropertyKey0123456789");
                  assertThat(component.getSessionToken()).as("a token belongs to its own key pair").isNull();
              });
    }

    @Test
    void aHalfConfiguredPairIsNotCompletedFromTencentCloudNames() {
        runner.withPropertyValues("TENCENTCLOUD_SECRET_ID=AKIDspringEnvironment0123456789",
                "TENCENTCLOUD_SECRET_KEY=springEnvironmentKey0123456789",
                PREFIX + "secret-id=AKIDcomponentProperty0123456789")
              .run(context -> {
                  TencentOcrConfiguration component = component(context).getConfiguration();
                  assertThat(component.getSecretId()).isEqualTo("AKIDcomponentProperty0123456789");
                  assertThat(component.getSecretKey()).as("never one half from each source").isNull();
              });
    }

    @Test
    void theComponentsAutoConfigurationCanBeSwitchedOff() {
        runner.withPropertyValues(PREFIX + "enabled=false", PREFIX + "region=ap-hongkong").run(context -> {
            assertThat(context).doesNotHaveBean(TencentOcrComponentAutoConfiguration.class);
            assertThat(component(context).getConfiguration().getRegion()).isNull();
            assertThat(context).hasSingleBean(OcrDispositions.class);
        });
    }

    @Test
    void theDispositionsRouteConfigurationIsThere() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(OcrDispositions.class);
            assertThat(routeConfigurationIds(context)).containsExactly(OcrDispositions.ID);
        });
    }

    @Test
    void theDispositionsRouteConfigurationCanBeSwitchedOff() {
        runner.withPropertyValues(PREFIX + "dispositions-route-configuration.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(OcrDispositions.class);
            assertThat(routeConfigurationIds(context)).isEmpty();
            assertThat(component(context)).as("the component is configured all the same").isNotNull();
        });
    }

    @Test
    void anApplicationsOwnDispositionsTakeThePlaceOfTheStarters() {
        runner.withUserConfiguration(OwnDispositions.class).run(context -> {
            assertThat(context).hasSingleBean(OcrDispositions.class);
            assertThat(context.getBean(OcrDispositions.class)).isSameAs(context.getBean("myDispositions"));
            assertThat(routeConfigurationIds(context)).containsExactly(OcrDispositions.ID);
        });
    }

    private static TencentOcrComponent component(AssertableApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("tencent-ocr", TencentOcrComponent.class);
    }

    private static List<String> routeConfigurationIds(AssertableApplicationContext context) {
        return ((ModelCamelContext) context.getBean(CamelContext.class)).getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).toList();
    }

    private static Class<?>[] startersAutoConfigurations() {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, null)) {
            if (name.startsWith("dev.ocrbridge.")) {
                try {
                    classes.add(Class.forName(name));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(classes).extracting(Class::getSimpleName).containsExactlyInAnyOrder(
                "TencentOcrComponentConverter", "TencentOcrComponentAutoConfiguration",
                "OcrDispositionsAutoConfiguration");
        return classes.toArray(Class<?>[]::new);
    }

    @Configuration(proxyBeanMethods = false)
    static class QuotaDataSource {
        @Bean
        DataSource ocrQuota() {
            return new HikariDataSource(); // never started: no connection is made until one is asked for
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDispositions {
        @Bean
        OcrDispositions myDispositions() {
            return new OcrDispositions();
        }
    }
}
